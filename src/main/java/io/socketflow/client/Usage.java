package io.socketflow.client;

/**
 * What {@code --help} prints, and the short form a usage error is followed by.
 */
final class Usage {

    static final String SYNOPSIS = """
            usage: socketflow client tcp HOST PORT [MESSAGE] [--framing text|line|length-prefix] [--timeout 5s] [TLS]
                   socketflow client udp HOST PORT [--bind-port N] MESSAGE [--timeout 5s]
                   socketflow client chat HOST PORT [--framing text|line|length-prefix] [--timeout 5s] [TLS]
            TLS:   --tls [--trust CA.pem | --insecure]
            """;

    static final String HELP = SYNOPSIS + """

              tcp   send MESSAGE and print the reply; without MESSAGE, send each stdin line and print
                    each reply ("Exit" ends the session after its reply)
              udp   send MESSAGE as one datagram and print the reply datagram
              chat  stdin lines go to the chat, chat lines are printed as they arrive;
                    end of stdin, /quit, bye or Exit leaves

            options (--name value or --name=value; -- ends options):
              --framing    text (default), line or length-prefix: the server listener's framing
              --timeout    wait this long for a connection and for each reply: 5s (default), 500ms, 2
              --bind-port  udp only: the local port to send from and receive the reply on (default: any)
              --tls        tcp and chat: speak TLS (the listener has socketflow.<service>.tcp.ssl.bundle)
              --trust      with --tls: a PEM file of the certificates to trust (default: the JDK's)
              --insecure   with --tls: accept any certificate and host name (self-signed test certificates)
              --help       print this help

            exit codes: 0 ok, 1 other failure, 2 usage, 3 connection refused, 4 unknown host,
                        5 no reply within --timeout, 6 connection closed by the server, 7 TLS handshake failed
            """;

    static final String MORE = "Try 'socketflow client --help' for more." + System.lineSeparator();

    private Usage() {
    }

}
