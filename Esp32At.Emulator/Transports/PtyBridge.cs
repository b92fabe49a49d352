using System.Runtime.InteropServices;
using System.Text;

namespace Esp32At.Emulator.Transports;

/// <summary>
/// Exposes an emulator's UART as a Linux pseudo-terminal (<c>/dev/pts/N</c>, see <see cref="SlavePath"/>), so a
/// serial-port client (pyserial, minicom, a driver under test) opens it like the real module's port. The terminal is
/// raw (no echo, no CR/LF translation). Its speed starts at the ESP's baud rate and is the host's rate: a client that
/// sets another speed (e.g. after <c>AT+UART_CUR</c>, or a wrong one) gets garbled bytes, as on a real line.
/// The bridge keeps the slave side open, so clients may come and go. Linux only.
/// </summary>
public sealed class PtyBridge : IDisposable
{
    private readonly InProcessPort port;
    private readonly int master;
    private readonly int slave;
    private readonly Thread toEmulator;
    private readonly Thread toClient;
    private readonly byte[] termios = new byte[Libc.TermiosSize];
    private volatile bool running = true;

    /// <summary>Creates the pseudo-terminal and starts moving bytes between it and <paramref name="port"/>.</summary>
    public PtyBridge(InProcessPort port)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the pseudo-terminal bridge needs Linux");
        this.port = port;
        master = Libc.posix_openpt(Libc.O_RDWR | Libc.O_NOCTTY);
        if (master < 0) throw Libc.Error("posix_openpt");
        try
        {
            if (Libc.grantpt(master) != 0) throw Libc.Error("grantpt");
            if (Libc.unlockpt(master) != 0) throw Libc.Error("unlockpt");
            var name = new byte[128];
            if (Libc.ptsname_r(master, name, (nuint)name.Length) != 0) throw Libc.Error("ptsname_r");
            SlavePath = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            slave = Libc.open(SlavePath, Libc.O_RDWR | Libc.O_NOCTTY);
            if (slave < 0) throw Libc.Error("open " + SlavePath);
            MakeRaw(port.EmulatorBaud);
        }
        catch
        {
            if (slave > 0) Libc.close(slave);
            Libc.close(master);
            throw;
        }
        toEmulator = new Thread(ToEmulator) { IsBackground = true, Name = "esp-at pty in" };
        toClient = new Thread(ToClient) { IsBackground = true, Name = "esp-at pty out" };
        toEmulator.Start();
        toClient.Start();
    }

    /// <summary>The terminal a client opens, e.g. <c>/dev/pts/3</c>.</summary>
    public string SlavePath { get; } = "";

    private void MakeRaw(int baud)
    {
        lock (termios)
        {
            if (Libc.tcgetattr(slave, termios) != 0) throw Libc.Error("tcgetattr");
            Libc.cfmakeraw(termios);
            uint code = Libc.CodeOf(baud);
            if (code != 0) Libc.cfsetspeed(termios, code);
            if (Libc.tcsetattr(slave, Libc.TCSANOW, termios) != 0) throw Libc.Error("tcsetattr");
        }
    }

    /// <summary>The host's rate is whatever speed the client last set on the terminal.</summary>
    private void FollowClientSpeed()
    {
        lock (termios)
        {
            if (Libc.tcgetattr(slave, termios) != 0) return;
            int baud = Libc.BaudOf(Libc.cfgetospeed(termios));
            if (baud != 0) port.HostBaud = baud;
        }
    }

    private void ToEmulator()
    {
        var buffer = new byte[4096];
        while (running)
        {
            var fd = new Libc.PollFd { Fd = master, Events = Libc.POLLIN };
            int ready = Libc.poll(ref fd, 1, 100);
            if (ready <= 0 || (fd.Revents & Libc.POLLIN) == 0)
            {
                if (ready < 0 && Marshal.GetLastPInvokeError() != Libc.EINTR) return;
                continue;
            }
            var n = Libc.read(master, buffer, buffer.Length);
            if (n <= 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (n < 0 && errno != Libc.EINTR && errno != Libc.EAGAIN) return;
                continue;
            }
            FollowClientSpeed();
            port.HostWrite(buffer, 0, (int)n);
        }
    }

    private void ToClient()
    {
        var buffer = new byte[4096];
        while (running)
        {
            int n = port.HostRead(buffer, 0, buffer.Length, 100);
            if (n == 0) continue;
            FollowClientSpeed(); // approximates: the rate is sampled when the bytes leave, not when they were sent
            int done = 0;
            while (done < n && running)
            {
                // Wait for room (no client reading fills the terminal's queue) without blocking Dispose.
                var fd = new Libc.PollFd { Fd = master, Events = Libc.POLLOUT };
                if (Libc.poll(ref fd, 1, 100) <= 0) continue;
                var w = Libc.write(master, ref buffer[done], n - done);
                if (w > 0) done += (int)w;
                else if (w < 0 && Marshal.GetLastPInvokeError() is not (Libc.EINTR or Libc.EAGAIN)) return;
            }
        }
    }

    public void Dispose()
    {
        if (!running) return;
        running = false;
        toEmulator.Join(2000);
        toClient.Join(2000);
        Libc.close(slave);
        Libc.close(master);
    }
}
