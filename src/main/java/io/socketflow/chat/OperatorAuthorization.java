package io.socketflow.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

import io.socketflow.config.OperatorProperties;

/**
 * Writes to the operator API need {@code Authorization: Bearer <socketflow.operator.token>}: 401 without it,
 * 403 with a wrong one, and 403 for every write when no token is configured. Reads are open. Checked before the
 * body is read, so an unauthorised caller learns nothing from its request. A refusal is an {@link ErrorResponseException},
 * so it is answered as every other error of the API is, as {@code application/problem+json}.
 */
final class OperatorAuthorization implements HandlerInterceptor {

    private final OperatorProperties operator;

    OperatorAuthorization(OperatorProperties operator) {
        this.operator = operator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())) {
            return true;
        }
        if (!operator.hasToken()) {
            throw refusal(HttpStatus.FORBIDDEN, "Operator writes are disabled: no socketflow.operator.token is configured");
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ErrorResponseException refusal = refusal(HttpStatus.UNAUTHORIZED, "Send Authorization: Bearer <operator token>");
            refusal.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            throw refusal;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        byte[] expected = operator.token().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) {
            throw refusal(HttpStatus.FORBIDDEN, "The operator token is wrong");
        }
        return true;
    }

    private static ErrorResponseException refusal(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

}
