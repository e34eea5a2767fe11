{
  "targets": [
    {
      "target_name": "dhcp_socket",
      "sources": ["native/dhcp_socket.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "conditions": [
        ["OS!='linux'", {"sources!": ["native/dhcp_socket.c"]}]
      ]
    },
    {
      "target_name": "lease_log_scan",
      "sources": ["native/lease_log_scan.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter"]
    }
  ]
}
