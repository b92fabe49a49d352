using System.Runtime.InteropServices;

namespace Esp32At.Emulator.Transports;

/// <summary>The few libc calls the pseudo-terminal bridge needs (Linux; glibc or musl).</summary>
internal static class Libc
{
    public const int O_RDWR = 2;
    public const int O_NOCTTY = 0x100;
    public const short POLLIN = 0x001;
    public const short POLLOUT = 0x004;
    public const int TCSANOW = 0;
    public const int EINTR = 4;
    public const int EAGAIN = 11;

    /// <summary>Room for a <c>struct termios</c> (60 bytes on Linux) with margin; only libc looks inside.</summary>
    public const int TermiosSize = 256;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)] public static extern int posix_openpt(int flags);
    [DllImport("libc", SetLastError = true)] public static extern int grantpt(int fd);
    [DllImport("libc", SetLastError = true)] public static extern int unlockpt(int fd);
    [DllImport("libc", SetLastError = true)] public static extern int ptsname_r(int fd, byte[] buf, nuint buflen);
    [DllImport("libc", SetLastError = true)] public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
    [DllImport("libc", SetLastError = true)] public static extern int close(int fd);
    [DllImport("libc", SetLastError = true)] public static extern nint read(int fd, byte[] buf, nint count);
    [DllImport("libc", SetLastError = true)] public static extern nint write(int fd, ref byte buf, nint count);
    [DllImport("libc", SetLastError = true)] public static extern int poll(ref PollFd fds, nuint nfds, int timeout);
    [DllImport("libc", SetLastError = true)] public static extern int tcgetattr(int fd, byte[] termios);
    [DllImport("libc", SetLastError = true)] public static extern int tcsetattr(int fd, int optionalActions, byte[] termios);
    [DllImport("libc")] public static extern void cfmakeraw(byte[] termios);
    [DllImport("libc", SetLastError = true)] public static extern int cfsetspeed(byte[] termios, uint speed);
    [DllImport("libc")] public static extern uint cfgetospeed(byte[] termios);

    /// <summary>Linux <c>Bnnn</c> speed codes and the baud rates they stand for.</summary>
    private static readonly (uint Code, int Baud)[] Speeds =
    [
        (0x7, 300), (0x9, 1200), (0xB, 2400), (0xC, 4800), (0xD, 9600), (0xE, 19200), (0xF, 38400),
        (0x1001, 57600), (0x1002, 115200), (0x1003, 230400), (0x1004, 460800), (0x1005, 500000), (0x1006, 576000),
        (0x1007, 921600), (0x1008, 1000000), (0x1009, 1152000), (0x100A, 1500000), (0x100B, 2000000),
        (0x100C, 2500000), (0x100D, 3000000), (0x100E, 3500000), (0x100F, 4000000),
    ];

    /// <summary>The baud rate of a speed code, or 0 when it has none here.</summary>
    public static int BaudOf(uint code)
    {
        foreach (var (c, b) in Speeds) if (c == code) return b;
        return 0;
    }

    /// <summary>The speed code of a baud rate, or 0 when there is none (a non-standard rate).</summary>
    public static uint CodeOf(int baud)
    {
        foreach (var (c, b) in Speeds) if (b == baud) return c;
        return 0;
    }

    /// <summary>Throws an <see cref="IOException"/> naming <paramref name="call"/> and errno.</summary>
    public static IOException Error(string call) => new($"{call} failed: errno {Marshal.GetLastPInvokeError()}");
}
