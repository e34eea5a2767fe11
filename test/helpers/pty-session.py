#!/usr/bin/env python3
"""Drives an interactive program in a pseudo-terminal, the way a person would.

Usage: pty-session.py STEPS_JSON -- COMMAND [ARGS...]
STEPS_JSON is a list of [text_to_wait_for, keys_to_send]. Prints everything the
program wrote (ANSI sequences removed) and exits with the program's exit code.
"""
import fcntl, json, os, pty, re, select, struct, sys, termios, time

ANSI = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\r')

def main():
    steps = json.loads(sys.argv[1])
    argv = sys.argv[sys.argv.index('--') + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    # A real terminal has a size; without one, renderers wrap at column 0.
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 140, 0, 0))
    seen = ''
    def read(timeout):
        nonlocal seen
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        text = data.decode('utf-8', 'replace')
        seen += text if os.environ.get('PTY_KEEP_ANSI') else ANSI.sub('', text)
        return True
    cursor = 0
    for wait_for, keys in steps:
        deadline = time.time() + 20
        while seen.find(wait_for, cursor) < 0:
            if time.time() > deadline or not read(0.2):
                sys.stdout.write(seen)
                sys.stderr.write(f'\npty-session: timed out waiting for {wait_for!r}\n')
                os.kill(pid, 9)
                sys.exit(124)
        cursor = seen.find(wait_for, cursor) + len(wait_for)
        time.sleep(0.05)
        os.write(fd, keys.encode())
    while read(30):
        pass
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(seen)
    sys.exit(os.waitstatus_to_exitcode(status))

main()
