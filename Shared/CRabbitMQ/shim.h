#ifndef SPOTJOB_CRABBITMQ_SHIM_H
#define SPOTJOB_CRABBITMQ_SHIM_H
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <amqp_ssl_socket.h>
#include <amqp_framing.h>
#include <openssl/ssl.h>

/// `amqp_login` is variadic, which Swift cannot call; this fixes the SASL method to PLAIN.
static inline amqp_rpc_reply_t spotjob_amqp_login_plain(amqp_connection_state_t state, const char *vhost,
                                                         int channel_max, int frame_max, int heartbeat,
                                                         const char *user, const char *password) {
    return amqp_login(state, vhost, channel_max, frame_max, heartbeat, AMQP_SASL_METHOD_PLAIN, user, password);
}

/// The TLS session of one rabbitmq-c SSL socket, seen from outside it: rabbitmq-c keeps its `SSL`
/// private, and SpotJob writes its batched publish frames through that same session.
typedef struct {
    SSL *ssl;
} spotjob_tls_session;

/// OpenSSL calls this as the handshake starts; it records the connection's `SSL` in the session
/// registered as the context's application data.
static void spotjob_tls_capture(const SSL *ssl, int where, int ret) {
    (void)ret;
    if (!(where & SSL_CB_HANDSHAKE_START)) return;
    spotjob_tls_session *session = (spotjob_tls_session *)SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl));
    if (session) session->ssl = (SSL *)ssl;
}

/// Has `session` learn the `SSL` of `socket` (an `amqp_ssl_socket_new` socket, before it opens). When
/// `ca_file` is NULL the system's trust store is used. Returns 0, or -1 when the trust store cannot be loaded.
static inline int spotjob_tls_prepare(amqp_socket_t *socket, spotjob_tls_session *session, const char *ca_file) {
    SSL_CTX *context = (SSL_CTX *)amqp_ssl_socket_get_context(socket);
    SSL_CTX_set_app_data(context, session);
    SSL_CTX_set_info_callback(context, spotjob_tls_capture);
    amqp_ssl_socket_set_verify_peer(socket, 1);
    amqp_ssl_socket_set_verify_hostname(socket, 1);
    if (ca_file) return amqp_ssl_socket_set_cacert(socket, ca_file) == AMQP_STATUS_OK ? 0 : -1;
    return SSL_CTX_set_default_verify_paths(context) == 1 ? 0 : -1;
}

/// Method ids are macros with casts, which Swift does not import.
static const amqp_method_number_t SPOTJOB_AMQP_BASIC_PUBLISH = AMQP_BASIC_PUBLISH_METHOD;
static const amqp_method_number_t SPOTJOB_AMQP_BASIC_ACK = AMQP_BASIC_ACK_METHOD;
static const amqp_method_number_t SPOTJOB_AMQP_BASIC_NACK = AMQP_BASIC_NACK_METHOD;
static const amqp_method_number_t SPOTJOB_AMQP_BASIC_RETURN = AMQP_BASIC_RETURN_METHOD;
static const amqp_method_number_t SPOTJOB_AMQP_BASIC_CANCEL = AMQP_BASIC_CANCEL_METHOD;
static const amqp_method_number_t SPOTJOB_AMQP_CHANNEL_CLOSE = AMQP_CHANNEL_CLOSE_METHOD;
static const amqp_method_number_t SPOTJOB_AMQP_CONNECTION_CLOSE = AMQP_CONNECTION_CLOSE_METHOD;
#endif
