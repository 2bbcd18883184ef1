#ifndef SPOTJOB_CRABBITMQ_SHIM_H
#define SPOTJOB_CRABBITMQ_SHIM_H
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <amqp_framing.h>

/// `amqp_login` is variadic, which Swift cannot call; this fixes the SASL method to PLAIN.
static inline amqp_rpc_reply_t spotjob_amqp_login_plain(amqp_connection_state_t state, const char *vhost,
                                                         int channel_max, int frame_max, int heartbeat,
                                                         const char *user, const char *password) {
    return amqp_login(state, vhost, channel_max, frame_max, heartbeat, AMQP_SASL_METHOD_PLAIN, user, password);
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
