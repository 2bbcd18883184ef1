// A hostile sender for HostileSenderTests: publishes one message whose header `deep` holds arrays
// nested DEPTH levels deep, as a plain rabbitmq-c client can, to exchange `spotjob` with ROUTING_KEY.
// The nesting is built as a chain in memory, so only rabbitmq-c's encoder recurses (on this
// process's main thread). An amqps:// URL (its query is ignored) connects over TLS, trusting CA_FILE.
//
//   DeepHeaderSender AMQP_URL CA_FILE ROUTING_KEY MESSAGE_ID DEPTH
#include <amqp.h>
#include <amqp_ssl_socket.h>
#include <amqp_tcp_socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what) {
    fprintf(stderr, "DeepHeaderSender: %s\n", what);
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 6) return fail("usage: DeepHeaderSender AMQP_URL CA_FILE ROUTING_KEY MESSAGE_ID DEPTH");
    char *url = strdup(argv[1]);
    char *query = strchr(url, '?');
    if (query) *query = '\0';
    struct amqp_connection_info info;
    if (amqp_parse_url(url, &info) != AMQP_STATUS_OK) return fail("cannot parse the URL");
    const char *routing_key = argv[3], *message_id = argv[4];
    long depth = strtol(argv[5], NULL, 10);
    if (depth < 1) return fail("DEPTH must be at least 1");

    amqp_connection_state_t connection = amqp_new_connection();
    amqp_socket_t *socket = info.ssl ? amqp_ssl_socket_new(connection) : amqp_tcp_socket_new(connection);
    if (!socket) return fail("no socket");
    if (info.ssl && amqp_ssl_socket_set_cacert(socket, argv[2]) != AMQP_STATUS_OK) return fail("cannot read CA_FILE");
    if (amqp_socket_open(socket, info.host, info.port) != AMQP_STATUS_OK) return fail("cannot connect");
    amqp_rpc_reply_t login = amqp_login(connection, info.vhost, 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, info.user, info.password);
    if (login.reply_type != AMQP_RESPONSE_NORMAL) return fail("cannot log in");
    amqp_channel_open(connection, 1);
    if (amqp_get_rpc_reply(connection).reply_type != AMQP_RESPONSE_NORMAL) return fail("cannot open a channel");
    amqp_confirm_select(connection, 1);

    // levels[i] is an array holding levels[i + 1]; the last one is empty.
    amqp_field_value_t *levels = calloc((size_t)depth, sizeof(amqp_field_value_t));
    for (long i = 0; i < depth; i++) {
        levels[i].kind = AMQP_FIELD_KIND_ARRAY;
        levels[i].value.array.num_entries = i + 1 < depth ? 1 : 0;
        levels[i].value.array.entries = i + 1 < depth ? &levels[i + 1] : NULL;
    }
    amqp_table_entry_t entry = {.key = amqp_cstring_bytes("deep"), .value = levels[0]};
    amqp_basic_properties_t properties;
    memset(&properties, 0, sizeof properties);
    properties._flags = AMQP_BASIC_HEADERS_FLAG | AMQP_BASIC_MESSAGE_ID_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG |
                        AMQP_BASIC_CONTENT_TYPE_FLAG;
    properties.headers.num_entries = 1;
    properties.headers.entries = &entry;
    properties.message_id = amqp_cstring_bytes(message_id);
    properties.content_type = amqp_cstring_bytes("application/json");
    properties.delivery_mode = 2;
    int status = amqp_basic_publish(connection, 1, amqp_cstring_bytes("spotjob"), amqp_cstring_bytes(routing_key), 0, 0,
                                    &properties, amqp_cstring_bytes("{}"));
    if (status != AMQP_STATUS_OK) return fail(amqp_error_string2(status));
    // Wait for the broker's confirm, so the message is in the queues when this process exits.
    amqp_frame_t frame;
    if (amqp_simple_wait_frame(connection, &frame) != AMQP_STATUS_OK || frame.frame_type != AMQP_FRAME_METHOD ||
        frame.payload.method.id != AMQP_BASIC_ACK_METHOD) {
        return fail("the broker did not confirm the message");
    }
    amqp_channel_close(connection, 1, AMQP_REPLY_SUCCESS);
    amqp_connection_close(connection, AMQP_REPLY_SUCCESS);
    amqp_destroy_connection(connection);
    free(levels);
    free(url);
    return 0;
}
