package io.socketflow.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API, in place of the tutorial server's console: list members, broadcast, disconnect a member.
 * Writes pass {@link OperatorAuthorization} first.
 */
@RestController
@RequestMapping("/api/chat")
@ConditionalOnBean(ChatRoom.class)
class OperatorController {

    /** The longest operator message, in UTF-8 bytes. */
    static final int MAX_TEXT_BYTES = 4096;

    private final ChatRoom room;

    OperatorController(ChatRoom room) {
        this.room = room;
    }

    @GetMapping("/members")
    List<ChatRoom.MemberView> members() {
        return room.members();
    }

    @PostMapping("/messages")
    ResponseEntity<?> broadcast(@RequestBody @Nullable Broadcast broadcast) {
        String text = (broadcast != null) ? broadcast.text() : null;
        if (text == null || text.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "The body must be JSON with a non-empty \"text\", like {\"text\": \"hello\"}");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "\"text\" may be at most " + MAX_TEXT_BYTES + " bytes");
        }
        room.broadcastAsOperator(text);
        return ResponseEntity.accepted().build();
    }

    @DeleteMapping("/members/{nick}")
    ResponseEntity<?> kick(@PathVariable String nick) {
        if (!room.kick(nick)) {
            return problem(HttpStatus.NOT_FOUND, "No member is called " + nick);
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        return problem(HttpStatus.BAD_REQUEST, "The body must be JSON like {\"text\": \"hello\"}");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    /**
     * @param text what the operator says; each line reaches every member as {@code * operator: text}
     */
    record Broadcast(@Nullable String text) {
    }

}
