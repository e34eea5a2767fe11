// A UDP socket for a DHCPv4 server, exposed to Node through Node-API.
//
// Node's dgram cannot bind a socket to a device, report which interface a
// datagram arrived on, nor send a broadcast out of a chosen interface; a DHCP
// server needs all three. This addon does only that, on the libuv loop of the
// calling environment (uv_poll on the socket, no threads):
//
//   new DhcpSocket({port, address?, device?, receiveBufferSize?, discard?},
//                  onMessage?)
//     onMessage(data, ifindex, srcAddress, srcPort, dstAddress)
//     Without onMessage the socket is send-only: a kernel filter drops
//     everything addressed to it, so nothing queues up unread.
//     With discard: true, send() checks its arguments and sends nothing (the
//     server's warm-up rehearses on such a socket, of the very class the real
//     one is, so the code it optimises fits the real one).
//   socket.send(data, address, port, ifindex?, hwaddr?)
//   socket.close()
//   socket.stats() -> {received, truncated, kernelDrops, receiveErrors}
//   socket.localPort
//   ifNameToIndex(name) / ifIndexToName(index)
//
// Buffer ownership: every datagram is copied into a fresh Buffer that belongs
// to the callback from then on; the addon keeps no reference to it. The
// receive slots the kernel writes into are owned by the addon and reused for
// every batch, which is why they are never handed to JavaScript.
//
// Errors are thrown as Error objects with `code` (errno name such as
// 'ENETUNREACH'), `errno` (negative, as in Node's own system errors) and
// `syscall`.

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <node_api.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

#ifndef SO_RXQ_OVFL
#define SO_RXQ_OVFL 40
#endif

// Datagrams taken per recvmmsg call. 32 keeps the slots (64 KiB) in cache
// while cutting syscalls 32-fold under load.
#define BATCH 32
// DHCP messages fit an Ethernet MTU (RFC 2131 requires 576, clients rarely
// allow more than 1500); anything larger arrives truncated and is dropped.
#define SLOT_SIZE 2048
// Batches read per wake-up. One: the lease store writes the commits of an
// event-loop turn at its end and the ACKs follow, so under a backlog a turn of
// 8 x 32 datagrams held each ACK back by the time to handle up to 256 others
// (25 ms while the code was still cold); a socket with more waiting makes
// epoll report it again at once.
#define MAX_BATCHES_PER_WAKEUP 1

#define CONTROL_SIZE \
  (CMSG_SPACE(sizeof(struct in_pktinfo)) + CMSG_SPACE(sizeof(uint32_t)))

typedef struct dhcp_socket dhcp_socket;

// The poll handle lives apart from the socket because libuv owns it until its
// close callback runs, which may be after the JavaScript object is collected.
typedef struct {
  uv_poll_t poll;
  napi_async_cleanup_hook_handle cleanup_hook;
  dhcp_socket* owner;  // NULL once the socket stopped using this handle
} poll_box;

typedef struct {
  struct mmsghdr msgs[BATCH];
  struct iovec iov[BATCH];
  struct sockaddr_in src[BATCH];
  union {
    struct cmsghdr align;
    char bytes[CONTROL_SIZE];
  } control[BATCH];
  unsigned char slots[BATCH][SLOT_SIZE];
} rx_ring;

struct dhcp_socket {
  napi_env env;
  int fd;
  uint16_t local_port;
  poll_box* box;            // set while receiving
  rx_ring* rx;              // set while receiving
  napi_ref self;            // strong while receiving, so the object outlives GC
  napi_ref on_message;
  napi_async_context async_context;
  double received;
  double truncated;
  double kernel_drops;
  double receive_errors;
  bool discard;
};

// ---------------------------------------------------------------- errors ---

static void throw_errno(napi_env env, int err, const char* syscall,
                        const char* detail) {
  char name[32];
  char message[256];
  uv_err_name_r(uv_translate_sys_error(err), name, sizeof name);
  if (detail != NULL && detail[0] != '\0') {
    snprintf(message, sizeof message, "%s %s %s: %s", syscall, name, detail,
             strerror(err));
  } else {
    snprintf(message, sizeof message, "%s %s: %s", syscall, name,
             strerror(err));
  }
  napi_value code_value, message_value, error, errno_value, syscall_value;
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &code_value);
  napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &message_value);
  napi_create_error(env, code_value, message_value, &error);
  napi_create_int32(env, -err, &errno_value);
  napi_set_named_property(env, error, "errno", errno_value);
  napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &syscall_value);
  napi_set_named_property(env, error, "syscall", syscall_value);
  napi_throw(env, error);
}

static void throw_type_error(napi_env env, const char* message) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
}

// True when a Node-API call failed; an exception is then pending (one is
// thrown here if the failed call did not leave one).
static int failed(napi_env env, napi_status status, const char* what) {
  if (status == napi_ok) return 0;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, "ERR_DHCP_SOCKET_NAPI", what);
  return 1;
}

// ------------------------------------------------------------- arguments ---

static int get_ipv4(napi_env env, napi_value value, struct in_addr* out,
                    const char* what) {
  char text[INET_ADDRSTRLEN + 1];
  size_t length = 0;
  if (napi_get_value_string_latin1(env, value, text, sizeof text, &length) !=
      napi_ok) {
    throw_type_error(env, what);
    return 0;
  }
  if (length >= INET_ADDRSTRLEN || inet_pton(AF_INET, text, out) != 1) {
    char message[96];
    snprintf(message, sizeof message, "%s must be a dotted IPv4 address",
             what);
    napi_throw_type_error(env, "ERR_INVALID_ARG_VALUE", message);
    return 0;
  }
  return 1;
}

static int get_uint(napi_env env, napi_value value, uint32_t max,
                    uint32_t* out, const char* what) {
  napi_valuetype type;
  double number;
  napi_typeof(env, value, &type);
  if (type != napi_number) {
    throw_type_error(env, what);
    return 0;
  }
  napi_get_value_double(env, value, &number);
  if (!(number >= 0 && number <= max) || number != (double)(uint32_t)number) {
    char message[96];
    snprintf(message, sizeof message, "%s must be an integer in 0..%u", what,
             max);
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", message);
    return 0;
  }
  *out = (uint32_t)number;
  return 1;
}

static int is_absent(napi_env env, napi_value value) {
  napi_valuetype type;
  napi_typeof(env, value, &type);
  return type == napi_undefined || type == napi_null;
}

// Reads an optional property; returns 0 with `*present` = 0 when missing.
static int get_optional(napi_env env, napi_value object, const char* key,
                        napi_value* out, int* present) {
  bool has = false;
  if (napi_has_named_property(env, object, key, &has) != napi_ok) return 0;
  if (has && napi_get_named_property(env, object, key, out) != napi_ok)
    return 0;
  *present = has && !is_absent(env, *out);
  return 1;
}

static int get_bytes(napi_env env, napi_value value, void** data,
                     size_t* length, const char* what) {
  bool is_view = false;
  napi_is_typedarray(env, value, &is_view);
  if (!is_view) napi_is_buffer(env, value, &is_view);
  if (!is_view || napi_get_buffer_info(env, value, data, length) != napi_ok) {
    throw_type_error(env, what);
    return 0;
  }
  return 1;
}

// ---------------------------------------------------------------- closing ---

static void free_poll_box(uv_handle_t* handle) { free(handle); }

static void on_poll_closed(uv_handle_t* handle) {
  poll_box* box = (poll_box*)handle;
  // Removing the hook also tells an environment being torn down that this
  // handle is gone.
  napi_remove_async_cleanup_hook(box->cleanup_hook);
  free(box);
}

// Idempotent. Safe from JavaScript (close()), from the finalizer and from the
// environment cleanup hook.
static void socket_close(dhcp_socket* s) {
  if (s->fd < 0) return;
  if (s->box != NULL) {
    poll_box* box = s->box;
    box->owner = NULL;
    s->box = NULL;
    // uv_close removes the fd from epoll, so it must precede close(fd).
    uv_close((uv_handle_t*)&box->poll, on_poll_closed);
  }
  close(s->fd);
  s->fd = -1;
  if (s->on_message != NULL) {
    napi_delete_reference(s->env, s->on_message);
    s->on_message = NULL;
  }
  if (s->async_context != NULL) {
    napi_async_destroy(s->env, s->async_context);
    s->async_context = NULL;
  }
  if (s->self != NULL) {
    napi_delete_reference(s->env, s->self);
    s->self = NULL;
  }
  free(s->rx);
  s->rx = NULL;
}

static void on_env_cleanup(napi_async_cleanup_hook_handle hook, void* arg) {
  (void)hook;
  poll_box* box = arg;
  // The close callback removes the hook, which completes the cleanup.
  if (box->owner != NULL) socket_close(box->owner);
}

static void finalize_socket(napi_env env, void* data, void* hint) {
  (void)env;
  (void)hint;
  dhcp_socket* s = data;
  socket_close(s);
  free(s);
}

// --------------------------------------------------------------- receive ---

static void format_ipv4(uint32_t network_order, char out[INET_ADDRSTRLEN]) {
  const unsigned char* b = (const unsigned char*)&network_order;
  snprintf(out, INET_ADDRSTRLEN, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

typedef struct {
  uint32_t address;
  napi_value string;
  int valid;
} address_cache;

// Successive datagrams mostly share their destination (broadcast or our own
// address) and often their source (a relay), so the string is made once.
static napi_value address_string(napi_env env, address_cache* cache,
                                 uint32_t address) {
  if (!cache->valid || cache->address != address) {
    char text[INET_ADDRSTRLEN];
    format_ipv4(address, text);
    napi_create_string_latin1(env, text, NAPI_AUTO_LENGTH, &cache->string);
    cache->address = address;
    cache->valid = 1;
  }
  return cache->string;
}

static void prepare_batch(rx_ring* rx) {
  for (int i = 0; i < BATCH; i++) {
    struct msghdr* h = &rx->msgs[i].msg_hdr;
    h->msg_name = &rx->src[i];
    h->msg_namelen = sizeof rx->src[i];
    h->msg_iov = &rx->iov[i];
    h->msg_iovlen = 1;
    h->msg_control = rx->control[i].bytes;
    h->msg_controllen = CONTROL_SIZE;
    h->msg_flags = 0;
  }
}

// Calls onMessage for each datagram of the batch. Returns 0 when the socket
// was closed by a callback, so the caller stops touching the ring.
static int deliver_batch(dhcp_socket* s, napi_value self, napi_value callback,
                         int count) {
  napi_env env = s->env;
  rx_ring* rx = s->rx;
  address_cache src_cache = {0}, dst_cache = {0};
  for (int i = 0; i < count; i++) {
    struct msghdr* h = &rx->msgs[i].msg_hdr;
    uint32_t ifindex = 0;
    uint32_t dst = 0;
    for (struct cmsghdr* c = CMSG_FIRSTHDR(h); c != NULL;
         c = CMSG_NXTHDR(h, c)) {
      if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
        struct in_pktinfo info;
        memcpy(&info, CMSG_DATA(c), sizeof info);
        ifindex = (uint32_t)info.ipi_ifindex;
        dst = info.ipi_addr.s_addr;
      } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
        uint32_t drops;
        memcpy(&drops, CMSG_DATA(c), sizeof drops);
        s->kernel_drops = drops;  // cumulative count kept by the kernel
      }
    }
    if (h->msg_flags & MSG_TRUNC) {
      s->truncated++;
      continue;
    }
    s->received++;

    napi_value argv[5];
    napi_create_buffer_copy(env, rx->msgs[i].msg_len, rx->slots[i], NULL,
                            &argv[0]);
    napi_create_uint32(env, ifindex, &argv[1]);
    argv[2] = address_string(env, &src_cache, rx->src[i].sin_addr.s_addr);
    napi_create_uint32(env, ntohs(rx->src[i].sin_port), &argv[3]);
    argv[4] = address_string(env, &dst_cache, dst);

    napi_status status = napi_call_function(env, self, callback, 5, argv, NULL);
    if (status == napi_pending_exception) {
      // An exception in the handler is the application's: it goes to
      // 'uncaughtException' like one thrown from any other event callback.
      napi_value error;
      napi_get_and_clear_last_exception(env, &error);
      napi_fatal_exception(env, error);
    }
    if (s->fd < 0) return 0;
  }
  return 1;
}

static void on_readable(uv_poll_t* handle, int status, int events) {
  (void)events;
  poll_box* box = (poll_box*)handle;
  dhcp_socket* s = box->owner;
  if (s == NULL || s->fd < 0) return;
  if (status < 0) {
    s->receive_errors++;
    return;
  }
  napi_env env = s->env;
  napi_handle_scope outer;
  if (napi_open_handle_scope(env, &outer) != napi_ok) return;
  napi_value self, callback;
  // Holding `self` in this scope keeps the object (and `s`) alive even if a
  // callback closes the socket and drops every other reference.
  napi_get_reference_value(env, s->self, &self);
  napi_get_reference_value(env, s->on_message, &callback);
  napi_callback_scope scope;
  // One callback scope per wake-up: process.nextTick and promise jobs run
  // once after the whole batch rather than after every datagram.
  if (napi_open_callback_scope(env, self, s->async_context, &scope) !=
      napi_ok) {
    napi_close_handle_scope(env, outer);
    return;
  }
  for (int round = 0; round < MAX_BATCHES_PER_WAKEUP; round++) {
    prepare_batch(s->rx);
    int count = recvmmsg(s->fd, s->rx->msgs, BATCH, MSG_DONTWAIT, NULL);
    if (count < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) s->receive_errors++;
      break;
    }
    napi_handle_scope inner;
    napi_open_handle_scope(env, &inner);
    int open = deliver_batch(s, self, callback, count);
    napi_close_handle_scope(env, inner);
    // A short batch means the queue is empty: skip the EAGAIN round trip.
    if (!open || count < BATCH) break;
  }
  napi_close_callback_scope(env, scope);
  napi_close_handle_scope(env, outer);
}

// ------------------------------------------------------------ constructor ---

// Classic BPF program "return 0": the kernel discards every datagram before
// queueing it, for send-only sockets that share the server port.
static int attach_drop_all_filter(int fd) {
  struct sock_filter drop = BPF_STMT(BPF_RET | BPF_K, 0);
  struct sock_fprog program = {.len = 1, .filter = &drop};
  return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program,
                    sizeof program);
}

static int set_int_option(int fd, int level, int name, int value) {
  return setsockopt(fd, level, name, &value, sizeof value);
}

static napi_value socket_new(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], self, target;
  if (failed(env, napi_get_new_target(env, info, &target), "new.target"))
    return NULL;
  if (target == NULL) {
    napi_throw_type_error(env, "ERR_CONSTRUCT_CALL_REQUIRED",
                          "DhcpSocket must be called with new");
    return NULL;
  }
  if (failed(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL),
             "arguments"))
    return NULL;

  napi_valuetype type;
  napi_typeof(env, argv[0], &type);
  if (argc < 1 || type != napi_object) {
    throw_type_error(env, "options must be an object");
    return NULL;
  }
  napi_value options = argv[0], value;
  int present = 0;

  uint32_t port = 0;
  if (!get_optional(env, options, "port", &value, &present)) return NULL;
  if (!present) {
    throw_type_error(env, "options.port must be a number");
    return NULL;
  }
  if (!get_uint(env, value, 65535, &port, "options.port")) return NULL;

  struct in_addr bind_address = {.s_addr = htonl(INADDR_ANY)};
  if (!get_optional(env, options, "address", &value, &present)) return NULL;
  if (present && !get_ipv4(env, value, &bind_address, "options.address"))
    return NULL;

  char device[IFNAMSIZ] = "";
  if (!get_optional(env, options, "device", &value, &present)) return NULL;
  if (present) {
    size_t length = 0;
    char name[IFNAMSIZ + 1];
    if (napi_get_value_string_utf8(env, value, name, sizeof name, &length) !=
        napi_ok) {
      throw_type_error(env, "options.device must be a string");
      return NULL;
    }
    if (length == 0 || length >= IFNAMSIZ) {
      throw_errno(env, ENODEV, "setsockopt(SO_BINDTODEVICE)",
                  "(interface names are 1-15 bytes)");
      return NULL;
    }
    memcpy(device, name, length + 1);
  }

  uint32_t receive_buffer = 0;
  if (!get_optional(env, options, "receiveBufferSize", &value, &present))
    return NULL;
  if (present && !get_uint(env, value, INT32_MAX, &receive_buffer,
                           "options.receiveBufferSize"))
    return NULL;

  bool discard = false;
  if (!get_optional(env, options, "discard", &value, &present)) return NULL;
  if (present && napi_get_value_bool(env, value, &discard) != napi_ok) {
    throw_type_error(env, "options.discard must be a boolean");
    return NULL;
  }

  int receiving = 0;
  if (argc >= 2 && !is_absent(env, argv[1])) {
    napi_typeof(env, argv[1], &type);
    if (type != napi_function) {
      throw_type_error(env, "onMessage must be a function");
      return NULL;
    }
    receiving = 1;
  }

  uv_loop_t* loop = NULL;
  if (receiving &&
      failed(env, napi_get_uv_event_loop(env, &loop), "event loop"))
    return NULL;

  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw_errno(env, errno, "socket", NULL);
    return NULL;
  }
  const char* step = NULL;
  const char* detail = NULL;
  if (set_int_option(fd, SOL_SOCKET, SO_REUSEADDR, 1) < 0) {
    step = "setsockopt(SO_REUSEADDR)";
  } else if (set_int_option(fd, SOL_SOCKET, SO_BROADCAST, 1) < 0) {
    step = "setsockopt(SO_BROADCAST)";
  } else if (set_int_option(fd, IPPROTO_IP, IP_PKTINFO, 1) < 0) {
    step = "setsockopt(IP_PKTINFO)";
  } else if (set_int_option(fd, SOL_SOCKET, SO_RXQ_OVFL, 1) < 0) {
    step = "setsockopt(SO_RXQ_OVFL)";
  } else if (device[0] != '\0' &&
             setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device,
                        (socklen_t)strlen(device) + 1) < 0) {
    step = "setsockopt(SO_BINDTODEVICE)";
    detail = device;
  } else if (receive_buffer > 0 &&
             set_int_option(fd, SOL_SOCKET, SO_RCVBUFFORCE,
                            (int)receive_buffer) < 0 &&
             set_int_option(fd, SOL_SOCKET, SO_RCVBUF, (int)receive_buffer) <
                 0) {
    // SO_RCVBUFFORCE needs CAP_NET_ADMIN; without it the size is capped at
    // net.core.rmem_max, which is still better than failing.
    step = "setsockopt(SO_RCVBUF)";
  } else if (!receiving && attach_drop_all_filter(fd) < 0) {
    step = "setsockopt(SO_ATTACH_FILTER)";
  }
  char where[INET_ADDRSTRLEN + 8];
  if (step == NULL) {
    struct sockaddr_in sa = {.sin_family = AF_INET,
                             .sin_port = htons((uint16_t)port),
                             .sin_addr = bind_address};
    if (bind(fd, (struct sockaddr*)&sa, sizeof sa) < 0) {
      char text[INET_ADDRSTRLEN];
      format_ipv4(bind_address.s_addr, text);
      snprintf(where, sizeof where, "%s:%u", text, port);
      step = "bind";
      detail = where;
    }
  }
  struct sockaddr_in local;
  socklen_t local_length = sizeof local;
  if (step == NULL &&
      getsockname(fd, (struct sockaddr*)&local, &local_length) < 0) {
    step = "getsockname";
  }
  if (step != NULL) {
    int err = errno;
    close(fd);
    throw_errno(env, err, step, detail);
    return NULL;
  }

  dhcp_socket* s = calloc(1, sizeof *s);
  if (s == NULL) {
    close(fd);
    throw_errno(env, ENOMEM, "calloc", NULL);
    return NULL;
  }
  s->env = env;
  s->fd = fd;
  s->discard = discard;
  s->local_port = ntohs(local.sin_port);
  if (failed(env, napi_wrap(env, self, s, finalize_socket, NULL, NULL),
             "wrap")) {
    close(fd);
    free(s);
    return NULL;
  }
  if (!receiving) return self;

  // From here the finalizer owns `s`; on failure socket_close undoes it all.
  s->rx = calloc(1, sizeof *s->rx);
  s->box = calloc(1, sizeof *s->box);
  if (s->rx == NULL || s->box == NULL) {
    free(s->box);
    s->box = NULL;
    socket_close(s);
    throw_errno(env, ENOMEM, "calloc", NULL);
    return NULL;
  }
  for (int i = 0; i < BATCH; i++) {
    s->rx->iov[i].iov_base = s->rx->slots[i];
    s->rx->iov[i].iov_len = SLOT_SIZE;
  }
  napi_value resource_name;
  napi_create_string_utf8(env, "DhcpSocket", NAPI_AUTO_LENGTH, &resource_name);
  if (failed(env,
             napi_async_init(env, self, resource_name, &s->async_context),
             "async context") ||
      failed(env, napi_create_reference(env, argv[1], 1, &s->on_message),
             "reference") ||
      failed(env, napi_create_reference(env, self, 1, &s->self),
             "reference")) {
    free(s->box);
    s->box = NULL;
    socket_close(s);
    return NULL;
  }
  int err = uv_poll_init(loop, &s->box->poll, fd);
  if (err < 0) {
    free(s->box);
    s->box = NULL;
    socket_close(s);
    throw_errno(env, -err, "uv_poll_init", NULL);
    return NULL;
  }
  s->box->owner = s;
  if (napi_add_async_cleanup_hook(env, on_env_cleanup, s->box,
                                  &s->box->cleanup_hook) != napi_ok) {
    // The close callback removes the hook; with none registered it must not.
    poll_box* box = s->box;
    box->owner = NULL;
    s->box = NULL;
    uv_close((uv_handle_t*)&box->poll, free_poll_box);
    socket_close(s);
    napi_throw_error(env, "ERR_DHCP_SOCKET_NAPI", "cleanup hook");
    return NULL;
  }
  err = uv_poll_start(&s->box->poll, UV_READABLE, on_readable);
  if (err < 0) {
    socket_close(s);
    throw_errno(env, -err, "uv_poll_start", NULL);
    return NULL;
  }
  return self;
}

// ---------------------------------------------------------------- methods ---

static dhcp_socket* unwrap_this(napi_env env, napi_callback_info info,
                                size_t* argc, napi_value* argv) {
  napi_value self;
  void* data = NULL;
  if (failed(env, napi_get_cb_info(env, info, argc, argv, &self, NULL),
             "arguments"))
    return NULL;
  if (napi_unwrap(env, self, &data) != napi_ok || data == NULL) {
    napi_throw_type_error(env, "ERR_INVALID_THIS",
                          "receiver is not a DhcpSocket");
    return NULL;
  }
  return data;
}

// Installs address -> hwaddr as a complete neighbour entry on the interface,
// so a unicast reach a client that cannot answer ARP yet (no address).
static int set_neighbour(napi_env env, int fd, uint32_t ifindex,
                         struct in_addr address, const void* hwaddr,
                         size_t hwaddr_length) {
  struct arpreq request;
  memset(&request, 0, sizeof request);
  struct sockaddr_in* protocol = (struct sockaddr_in*)&request.arp_pa;
  protocol->sin_family = AF_INET;
  protocol->sin_addr = address;
  // Ethernet only: the kernel rejects a hardware family unlike the device's.
  request.arp_ha.sa_family = ARPHRD_ETHER;
  memcpy(request.arp_ha.sa_data, hwaddr, hwaddr_length);
  request.arp_flags = ATF_COM;
  if (if_indextoname(ifindex, request.arp_dev) == NULL) {
    char detail[32];
    snprintf(detail, sizeof detail, "ifindex %u", ifindex);
    throw_errno(env, errno, "if_indextoname", detail);
    return 0;
  }
  if (ioctl(fd, SIOCSARP, &request) < 0) {
    throw_errno(env, errno, "ioctl(SIOCSARP)", request.arp_dev);
    return 0;
  }
  return 1;
}

static napi_value socket_send(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  dhcp_socket* s = unwrap_this(env, info, &argc, argv);
  if (s == NULL) return NULL;
  if (argc < 3) {
    throw_type_error(env, "send(data, address, port, ifindex?, hwaddr?)");
    return NULL;
  }
  void* data;
  size_t length;
  struct in_addr address;
  uint32_t port, ifindex = 0;
  if (!get_bytes(env, argv[0], &data, &length, "data must be a Buffer") ||
      !get_ipv4(env, argv[1], &address, "address") ||
      !get_uint(env, argv[2], 65535, &port, "port"))
    return NULL;
  if (argc >= 4 && !is_absent(env, argv[3]) &&
      !get_uint(env, argv[3], INT32_MAX, &ifindex, "ifindex"))
    return NULL;
  void* hwaddr = NULL;
  size_t hwaddr_length = 0;
  if (argc >= 5 && !is_absent(env, argv[4])) {
    if (!get_bytes(env, argv[4], &hwaddr, &hwaddr_length,
                   "hwaddr must be a Buffer"))
      return NULL;
    if (hwaddr_length == 0 ||
        hwaddr_length > sizeof ((struct sockaddr*)0)->sa_data) {
      napi_throw_range_error(env, "ERR_OUT_OF_RANGE",
                             "hwaddr must be 1-14 bytes");
      return NULL;
    }
    if (ifindex == 0) {
      napi_throw_type_error(env, "ERR_INVALID_ARG_VALUE",
                            "hwaddr needs an ifindex to install the neighbour "
                            "entry on");
      return NULL;
    }
  }
  if (s->fd < 0) {
    throw_errno(env, EBADF, "sendmsg", "(socket is closed)");
    return NULL;
  }
  if (s->discard) return NULL;
  if (hwaddr != NULL &&
      !set_neighbour(env, s->fd, ifindex, address, hwaddr, hwaddr_length))
    return NULL;

  struct sockaddr_in to = {.sin_family = AF_INET,
                           .sin_port = htons((uint16_t)port),
                           .sin_addr = address};
  struct iovec iov = {.iov_base = data, .iov_len = length};
  union {
    struct cmsghdr align;
    char bytes[CMSG_SPACE(sizeof(struct in_pktinfo))];
  } control;
  struct msghdr message = {.msg_name = &to,
                           .msg_namelen = sizeof to,
                           .msg_iov = &iov,
                           .msg_iovlen = 1};
  if (ifindex != 0) {
    // ipi_ifindex picks the outgoing interface, which the routing table
    // cannot do for 255.255.255.255; the source address stays automatic.
    memset(&control, 0, sizeof control);
    message.msg_control = control.bytes;
    message.msg_controllen = sizeof control.bytes;
    struct cmsghdr* c = CMSG_FIRSTHDR(&message);
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(struct in_pktinfo));
    struct in_pktinfo pktinfo = {.ipi_ifindex = (int)ifindex};
    memcpy(CMSG_DATA(c), &pktinfo, sizeof pktinfo);
  }
  ssize_t sent;
  do {
    sent = sendmsg(s->fd, &message, MSG_DONTWAIT | MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  if (sent < 0) {
    char detail[INET_ADDRSTRLEN + 24];
    char text[INET_ADDRSTRLEN];
    format_ipv4(address.s_addr, text);
    if (ifindex != 0) {
      snprintf(detail, sizeof detail, "%s:%u ifindex %u", text, port, ifindex);
    } else {
      snprintf(detail, sizeof detail, "%s:%u", text, port);
    }
    throw_errno(env, errno, "sendmsg", detail);
    return NULL;
  }
  return NULL;
}

static napi_value socket_close_js(napi_env env, napi_callback_info info) {
  size_t argc = 0;
  dhcp_socket* s = unwrap_this(env, info, &argc, NULL);
  if (s != NULL) socket_close(s);
  return NULL;
}

static void set_number(napi_env env, napi_value object, const char* key,
                       double value) {
  napi_value number;
  napi_create_double(env, value, &number);
  napi_set_named_property(env, object, key, number);
}

static napi_value socket_stats(napi_env env, napi_callback_info info) {
  size_t argc = 0;
  dhcp_socket* s = unwrap_this(env, info, &argc, NULL);
  if (s == NULL) return NULL;
  napi_value stats;
  napi_create_object(env, &stats);
  set_number(env, stats, "received", s->received);
  set_number(env, stats, "truncated", s->truncated);
  set_number(env, stats, "kernelDrops", s->kernel_drops);
  set_number(env, stats, "receiveErrors", s->receive_errors);
  return stats;
}

static napi_value socket_local_port(napi_env env, napi_callback_info info) {
  size_t argc = 0;
  dhcp_socket* s = unwrap_this(env, info, &argc, NULL);
  if (s == NULL) return NULL;
  napi_value port;
  napi_create_uint32(env, s->local_port, &port);
  return port;
}

// -------------------------------------------------------------- interfaces ---

static napi_value if_name_to_index(napi_env env, napi_callback_info info) {
  size_t argc = 1, length = 0;
  napi_value argv[1];
  char name[IFNAMSIZ + 1];
  if (failed(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL),
             "arguments"))
    return NULL;
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], name, sizeof name,
                                             &length) != napi_ok) {
    throw_type_error(env, "name must be a string");
    return NULL;
  }
  unsigned index = length < IFNAMSIZ ? if_nametoindex(name) : 0;
  if (index == 0) {
    throw_errno(env, length < IFNAMSIZ ? errno : ENODEV, "if_nametoindex",
                name);
    return NULL;
  }
  napi_value result;
  napi_create_uint32(env, index, &result);
  return result;
}

static napi_value if_index_to_name(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  uint32_t index;
  char name[IF_NAMESIZE];
  if (failed(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL),
             "arguments"))
    return NULL;
  if (argc < 1 || !get_uint(env, argv[0], INT32_MAX, &index, "ifindex"))
    return NULL;
  if (if_indextoname(index, name) == NULL) {
    char detail[24];
    snprintf(detail, sizeof detail, "%u", index);
    throw_errno(env, errno, "if_indextoname", detail);
    return NULL;
  }
  napi_value result;
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &result);
  return result;
}

// ------------------------------------------------------------------ module ---

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  napi_property_descriptor methods[] = {
      {"send", NULL, socket_send, NULL, NULL, NULL, napi_default_method, NULL},
      {"close", NULL, socket_close_js, NULL, NULL, NULL, napi_default_method,
       NULL},
      {"stats", NULL, socket_stats, NULL, NULL, NULL, napi_default_method,
       NULL},
      {"localPort", NULL, NULL, socket_local_port, NULL, NULL, napi_default,
       NULL},
  };
  napi_value constructor;
  if (napi_define_class(env, "DhcpSocket", NAPI_AUTO_LENGTH, socket_new, NULL,
                        sizeof methods / sizeof methods[0], methods,
                        &constructor) != napi_ok)
    return NULL;
  napi_property_descriptor functions[] = {
      {"DhcpSocket", NULL, NULL, NULL, NULL, constructor, napi_enumerable,
       NULL},
      {"ifNameToIndex", NULL, if_name_to_index, NULL, NULL, NULL,
       napi_enumerable, NULL},
      {"ifIndexToName", NULL, if_index_to_name, NULL, NULL, NULL,
       napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports,
                             sizeof functions / sizeof functions[0],
                             functions) != napi_ok)
    return NULL;
  return exports;
}
