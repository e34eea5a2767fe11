// Reads the common lines of srvctl's lease log (src/dhcp/lease-store/log-line.ts)
// at C speed: loading a million leases spent most of its time checking and
// splitting lines in JavaScript. It is an accelerator, not a second parser:
// a line is accepted only when it is intact and plain (checksum right, MAC
// hardware address, client key derived from it, ASCII host and scope names
// without escapes, times without a sign); every other line, damaged or just
// unusual, is declined and the JavaScript parser reads it, with its messages.
// For an accepted line the fields are exactly what that parser would make.
#include <node_api.h>
#include <stdint.h>
#include <string.h>

// Int32 fields per line in the output (F_* indexes); times go to a Float64Array, two per line.
enum {
  F_START,        // offset of the line's first byte
  F_END,          // offset of its newline
  F_VERDICT,      // DECLINED, LEASE or TOMBSTONE
  F_ADDRESS,      // the address as a signed 32-bit integer
  F_FLAGS,        // state | key form << 2 | high 24 bits of the MAC << 4 (lease-record.ts)
  F_MAC_LOW,      // low 24 bits of the MAC
  F_KEY_HASH,     // FNV-1a of the client key, signed
  F_HOST_START,
  F_HOST_END,
  F_SCOPE_START,
  F_SCOPE_END,
  STRIDE
};
enum { DECLINED = 0, LEASE = 1, TOMBSTONE = 2 };
enum { KEY_FROM_HW = 0, KEY_ID_01_HW = 1 };

#define TAB 9
#define FIELDS 9
#define CHECKSUM_FIELD 9  // tab + 8 hex digits
#define FNV_OFFSET_BASIS 0x811c9dc5u
#define FNV_PRIME 0x01000193u

static int8_t hex_value[256];

static const char *const STATE_WORDS[] = {"active", "released", "expired", "declined"};

static int parse_address(const uint8_t *b, size_t start, size_t end, uint32_t *out) {
  uint32_t value = 0, part = 0;
  int digits = 0, parts = 0;
  for (size_t i = start; i <= end; i++) {
    uint8_t code = i == end ? '.' : b[i];
    if (code == '.') {
      if (digits == 0 || parts == 4) return 0;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else if (code >= '0' && code <= '9' && digits < 3) {
      part = part * 10 + (code - '0');
      digits++;
      if (part > 255) return 0;
    } else {
      return 0;
    }
  }
  if (parts != 4) return 0;
  *out = value;
  return 1;
}

// 1-16 digits, no sign (a signed time is left to JavaScript, which keeps -0).
// Computed as log-line.ts's parseInteger does, so the double is the same.
static int parse_time(const uint8_t *b, size_t start, size_t end, double *out) {
  size_t length = end - start;
  if (length < 1 || length > 16) return 0;
  size_t split = length > 9 ? end - 9 : start;
  int32_t high = 0, low = 0;
  for (size_t i = start; i < split; i++) {
    if (b[i] < '0' || b[i] > '9') return 0;
    high = high * 10 + (b[i] - '0');
  }
  for (size_t i = split; i < end; i++) {
    if (b[i] < '0' || b[i] > '9') return 0;
    low = low * 10 + (b[i] - '0');
  }
  *out = (double)high * 1e9 + (double)low;
  return 1;
}

static int parse_state(const uint8_t *b, size_t start, size_t end) {
  for (int s = 0; s < 4; s++) {
    size_t length = strlen(STATE_WORDS[s]);
    if (end - start == length && memcmp(b + start, STATE_WORDS[s], length) == 0) return s;
  }
  return -1;
}

// Lowercase aa:bb:cc:dd:ee:ff as two 24-bit halves.
static int parse_mac(const uint8_t *b, size_t start, size_t end, int32_t *high, int32_t *low) {
  if (end - start != 17) return 0;
  int32_t halves[2] = {0, 0};
  for (int i = 0; i < 6; i++) {
    const uint8_t *at = b + start + 3 * i;
    int upper = hex_value[at[0]], lower = hex_value[at[1]];
    if (upper < 0 || lower < 0 || (i < 5 && at[2] != ':')) return 0;
    halves[i / 3] = (halves[i / 3] << 8) | (upper << 4) | lower;
  }
  *high = halves[0];
  *low = halves[1];
  return 1;
}

// ASCII without '%': the JavaScript parser takes such a field as it is.
static int is_plain(const uint8_t *b, size_t start, size_t end) {
  for (size_t i = start; i < end; i++)
    if (b[i] >= 0x80 || b[i] == '%') return 0;
  return 1;
}

static uint32_t fnv1a(const uint8_t *b, size_t start, size_t end) {
  uint32_t hash = FNV_OFFSET_BASIS;
  for (size_t i = start; i < end; i++) hash = (hash ^ b[i]) * FNV_PRIME;
  return hash;
}

// Fills out[F_VERDICT..] for the line [start, end); out[F_VERDICT] stays DECLINED unless it is accepted.
static void scan_line(const uint8_t *b, size_t start, size_t end, int32_t *out, double *times) {
  out[F_VERDICT] = DECLINED;
  if (end < start + 3 + CHECKSUM_FIELD) return;
  size_t body_end = end - CHECKSUM_FIELD;
  if (b[body_end] != TAB) return;
  uint32_t checksum = 0;
  for (size_t i = body_end + 1; i < end; i++) {
    int digit = hex_value[b[i]];
    if (digit < 0) return;
    checksum = (checksum << 4) | (uint32_t)digit;
  }

  // bounds[i]: the tab before field i (bounds[0] a virtual one before the line), bounds[count] the body end.
  size_t bounds[FIELDS + 1];
  int count = 0;
  uint32_t hash = FNV_OFFSET_BASIS;
  bounds[count++] = start - 1;
  for (size_t i = start; i < body_end; i++) {
    uint8_t byte = b[i];
    hash = (hash ^ byte) * FNV_PRIME;
    if (byte == TAB) {
      if (count == FIELDS) return;
      bounds[count++] = i;
    }
  }
  bounds[count] = body_end;
  if (hash != checksum || count < 2 || bounds[1] != start + 1) return;

  uint32_t address;
  if (!parse_address(b, bounds[1] + 1, bounds[2], &address)) return;
  out[F_ADDRESS] = (int32_t)address;
  if (b[start] == 'D') {
    if (count == 2) out[F_VERDICT] = TOMBSTONE;
    return;
  }
  if (b[start] != 'L' || count != FIELDS) return;

  int state = parse_state(b, bounds[2] + 1, bounds[3]);
  if (state < 0) return;
  if (!parse_time(b, bounds[3] + 1, bounds[4], &times[0])) return;
  if (!parse_time(b, bounds[4] + 1, bounds[5], &times[1])) return;

  size_t key_start = bounds[5] + 1, key_end = bounds[6];
  size_t hw_start = bounds[6] + 1, hw_end = bounds[7];
  int32_t mac_high, mac_low;
  if (!parse_mac(b, hw_start, hw_end, &mac_high, &mac_low)) return;
  int form;
  size_t key_length = key_end - key_start;
  if (key_length == 20 && memcmp(b + key_start, "hw:", 3) == 0 && memcmp(b + key_start + 3, b + hw_start, 17) == 0) {
    form = KEY_FROM_HW;
  } else if (key_length == 17 && memcmp(b + key_start, "id:01", 5) == 0) {
    for (int i = 0; i < 6; i++) {
      if (b[key_start + 5 + 2 * i] != b[hw_start + 3 * i] || b[key_start + 6 + 2 * i] != b[hw_start + 3 * i + 1]) return;
    }
    form = KEY_ID_01_HW;
  } else {
    return;
  }

  size_t host_start = bounds[7] + 1, host_end = bounds[8];
  size_t scope_start = bounds[8] + 1, scope_end = body_end;
  if (!is_plain(b, host_start, host_end) || !is_plain(b, scope_start, scope_end)) return;

  out[F_FLAGS] = state | (form << 2) | (mac_high << 4);
  out[F_MAC_LOW] = mac_low;
  out[F_KEY_HASH] = (int32_t)fnv1a(b, key_start, key_end);
  out[F_HOST_START] = (int32_t)host_start;
  out[F_HOST_END] = (int32_t)host_end;
  out[F_SCOPE_START] = (int32_t)scope_start;
  out[F_SCOPE_END] = (int32_t)scope_end;
  out[F_VERDICT] = LEASE;
}

static napi_value throw_type(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

static int typed_array(napi_env env, napi_value value, napi_typedarray_type want, void **data, size_t *length) {
  bool is_typed;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return 0;
  napi_typedarray_type type;
  if (napi_get_typedarray_info(env, value, &type, length, data, NULL, NULL) != napi_ok) return 0;
  return type == want;
}

// scanLeaseLines(bytes: Uint8Array, from, to, fields: Int32Array, times: Float64Array): number
// Scans the complete lines of bytes[from, to) into fields (STRIDE per line)
// and times (2 per line), as many as fit; returns how many.
static napi_value scan_lease_lines(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 5)
    return throw_type(env, "scanLeaseLines(bytes, from, to, fields, times): 5 arguments");
  void *bytes_data, *fields_data, *times_data;
  size_t bytes_length, fields_length, times_length;
  if (!typed_array(env, argv[0], napi_uint8_array, &bytes_data, &bytes_length))
    return throw_type(env, "scanLeaseLines: bytes must be a Uint8Array");
  if (!typed_array(env, argv[3], napi_int32_array, &fields_data, &fields_length))
    return throw_type(env, "scanLeaseLines: fields must be an Int32Array");
  if (!typed_array(env, argv[4], napi_float64_array, &times_data, &times_length))
    return throw_type(env, "scanLeaseLines: times must be a Float64Array");
  int64_t from, to;
  if (napi_get_value_int64(env, argv[1], &from) != napi_ok || napi_get_value_int64(env, argv[2], &to) != napi_ok)
    return throw_type(env, "scanLeaseLines: from and to must be numbers");
  // Offsets go out as int32.
  if (from < 0 || to < from || (uint64_t)to > bytes_length || to > INT32_MAX)
    return throw_type(env, "scanLeaseLines: from and to must lie within bytes (at most 2^31 - 1)");

  const uint8_t *b = bytes_data;
  int32_t *fields = fields_data;
  double *times = times_data;
  size_t capacity = fields_length / STRIDE;
  if (times_length / 2 < capacity) capacity = times_length / 2;
  size_t lines = 0;
  size_t position = (size_t)from;
  while (lines < capacity && position < (size_t)to) {
    const uint8_t *newline = memchr(b + position, '\n', (size_t)to - position);
    if (newline == NULL) break;
    size_t end = (size_t)(newline - b);
    int32_t *out = fields + lines * STRIDE;
    out[F_START] = (int32_t)position;
    out[F_END] = (int32_t)end;
    scan_line(b, position, end, out, times + lines * 2);
    lines++;
    position = end + 1;
  }
  napi_value result;
  napi_create_uint32(env, (uint32_t)lines, &result);
  return result;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  memset(hex_value, -1, sizeof hex_value);
  for (int c = '0'; c <= '9'; c++) hex_value[c] = (int8_t)(c - '0');
  for (int c = 'a'; c <= 'f'; c++) hex_value[c] = (int8_t)(c - 'a' + 10);
  napi_value scan, stride;
  if (napi_create_function(env, "scanLeaseLines", NAPI_AUTO_LENGTH, scan_lease_lines, NULL, &scan) != napi_ok) return NULL;
  if (napi_create_uint32(env, STRIDE, &stride) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "scanLeaseLines", scan) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "STRIDE", stride) != napi_ok) return NULL;
  return exports;
}
