using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Network;

/// <summary>
/// The emulated firmware's five links and the real sockets behind them (TCP, UDP, SSL; client and server-accepted);
/// writes the link URCs (spec §3) in the form of the current CIPMUX mode.
/// </summary>
public sealed partial class LinkTable
{
    /// <summary>The ESP reads a socket at most 2920 bytes at a time, so an active +IPD frame carries at most that (spec §3).</summary>
    public const int MaxFrame = 2920;

    private readonly EspEmulator emulator;
    private readonly object gate = new();
    private readonly EmulatedLink?[] links = new EmulatedLink?[5];
    private readonly bool[] reserved = new bool[5]; // a CIPSTART is connecting on this id: accepts must not take it
    private bool idleWatchRunning;

    public LinkTable(EspEmulator emulator)
    {
        this.emulator = emulator;
        Ports = new PortMap(emulator.Options.HostPortsSameIfFree);
    }

    public EmulatedLink? this[int id] { get { lock (gate) return links[id]; } }

    /// <summary>Names the emulator resolves (CIPSTART hosts, CIPDOMAIN).</summary>
    public DnsTable Dns { get; } = new();

    /// <summary>Which real 127.0.0.1 ports stand for the ESP's server and UDP ports.</summary>
    public PortMap Ports { get; }

    /// <summary>Per-link SSL client settings (CIPSSLCCONF, CIPSSLCCN, CIPSSLCSNI, CIPSSLCALPN); single mode uses index 0.</summary>
    public TlsClientConfig[] Tls { get; } = Enumerable.Range(0, 5).Select(_ => new TlsClientConfig()).ToArray();

    /// <summary>The running CIPSERVER, or null.</summary>
    public ServerListener? Server { get; set; }

    /// <summary>The link in UART-Wi-Fi passthrough (CIPMODE=1 + AT+CIPSEND), or null: its data goes to the host raw.</summary>
    public EmulatedLink? Passthrough { get; set; }

    /// <summary>Whether a link was opened since boot (CIPSTATUS tells "all links closed" from "got IP").</summary>
    public bool EverLinked { get; private set; }

    public bool Any
    {
        get
        {
            lock (gate)
            {
                for (int id = 0; id < links.Length; id++) WaitWhileClosing(id);
                return links.Any(l => l is not null);
            }
        }
    }

    public int ServerLinkCount { get { lock (gate) return links.Count(l => l is { IsServer: true }); } }

    /// <summary><paramref name="channel"/> through <paramref name="path"/> (<see cref="PathChoice"/>: the AP uplink or the
    /// soft-AP LAN); as it is when the path adds nothing (speed 0 or <see cref="NetworkPath.None"/>), so such runs keep
    /// loopback's synchronous close.</summary>
    internal LinkChannel OnPath(LinkChannel channel, NetworkPath path)
    {
        return emulator.Clock.SpeedFactor == 0 || path.DeliveryMs(0, 0) == 0 && path.JitterMs == 0 && path.BytesPerSecond == 0
            ? channel
            : new PathChannel(channel, path, emulator.Clock);
    }

    /// <summary>
    /// Connects link <paramref name="id"/> over real TCP (IPv6 when <paramref name="remote"/> is, docs/esp-at-ipv6.md),
    /// as <paramref name="type"/> (<c>TCP</c>, <c>TCPv6</c>: what CIPSTATE prints); throws <see cref="CommandException"/>
    /// when the link is in use or the connect fails.
    /// </summary>
    public EmulatedLink ConnectTcp(int id, IPEndPoint remote, int timeoutMs, string type = "TCP") =>
        Open(id, () =>
        {
            var path = PathChoice.To(emulator, remote.Address);
            var socket = Connect(remote, timeoutMs, path);
            return new EmulatedLink(id, type, OnPath(new StreamChannel(socket, new NetworkStream(socket, ownsSocket: false), remote), path), remote, LocalPort(socket), isServer: false);
        });

    /// <summary>Connects link <paramref name="id"/> over real TLS per <see cref="Tls"/>; a failed handshake is a failed CIPSTART.</summary>
    public EmulatedLink ConnectSsl(int id, IPEndPoint remote, string host, int timeoutMs, string type = "SSL") =>
        Open(id, () =>
        {
            var path = PathChoice.To(emulator, remote.Address);
            var socket = Connect(remote, timeoutMs, path);
            emulator.Clock.Delay(emulator.Options.SslHandshakeTimeMs);
            SslStream stream;
            try
            {
                stream = TlsHandshake.Client(socket, host, Tls[id], emulator.Mfg, emulator.Radio.UtcNow());
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                socket.Dispose();
                throw new CommandException("0x010a0000");
            }
            return new EmulatedLink(id, type, OnPath(new StreamChannel(socket, stream, remote), path), remote, LocalPort(socket), isServer: false);
        });

    /// <summary>Opens UDP link <paramref name="id"/> to <paramref name="remote"/> from ESP port <paramref name="localPort"/> (0: any).</summary>
    public EmulatedLink OpenUdp(int id, IPEndPoint remote, int localPort, UdpRemoteMode mode, string type = "UDP") =>
        Open(id, () =>
        {
            Socket socket;
            try
            {
                // Multicast goes to the simulated LAN only, so such a link needs no real interface beyond loopback.
                bool lanOnly = IPAddress.IsLoopback(remote.Address) || emulator.Radio.Lan.Handles(remote);
                bool v6 = remote.AddressFamily == AddressFamily.InterNetworkV6;
                socket = Ports.BindUdp(localPort, lanOnly ? v6 ? IPAddress.IPv6Loopback : IPAddress.Loopback : v6 ? IPAddress.IPv6Any : IPAddress.Any);
            }
            catch (SocketException)
            {
                throw new CommandException("0x010a0000");
            }
            var channel = new UdpChannel(socket);
            return new EmulatedLink(id, type, OnPath(channel, PathChoice.To(emulator, remote.Address)), remote, localPort != 0 ? localPort : channel.HostLocalPort, isServer: false, mode);
        });

    /// <summary>Adds a server-accepted link under the lowest free id; null when all five are taken.</summary>
    public EmulatedLink? AddLowest(Func<int, EmulatedLink> create)
    {
        lock (gate)
        {
            for (int id = 0; id < links.Length; id++)
            {
                if (links[id] is not null || reserved[id]) continue;
                var link = create(id);
                links[id] = link;
                EverLinked = true;
                return link;
            }
        }
        return null;
    }

    /// <summary>Writes the URC of a new link: <c>[&lt;id&gt;,]CONNECT</c>, or <c>+LINK_CONN:</c> with SYSMSG bit1 (spec §3).</summary>
    public string ConnectText(EmulatedLink link) =>
        (emulator.State.SysMsg & 2) != 0
            ? $"+LINK_CONN:0,{link.Id},\"{link.Type}\",{(link.IsServer ? 1 : 0)},\"{Ipv6Text.Of(link.Remote.Address)}\",{link.Remote.Port},{link.LocalPort}\r\n"
            : $"{Prefix(link.Id)}CONNECT\r\n";

    /// <summary><c>&lt;id&gt;,</c> in multiple-connection mode, nothing in single mode.</summary>
    public string Prefix(int id) => emulator.State.CipMux == 1 ? $"{id}," : "";

    /// <summary>Starts moving the peer's bytes into the link (after the command that opened it has answered).</summary>
    public void StartReading(EmulatedLink link)
    {
        new Thread(() => ReadLoop(link)) { IsBackground = true, Name = $"esp-at link {link.Id}" }.Start();
        if (link.IsServer) StartIdleWatch();
    }

    /// <summary>Sends on a link; false when the socket failed (SEND FAIL).</summary>
    public bool Send(EmulatedLink link, byte[] data, int offset, int count, IPEndPoint? to = null)
    {
        try
        {
            var destination = to ?? link.Remote;
            if (link.IsDatagram && emulator.Radio.Lan.Handles(destination))
            {
                // Multicast and the simulated hosts live on the simulated LAN, never on the real network.
                emulator.Radio.Lan.FromEsp(link, data[offset..(offset + count)], destination);
                link.Touch();
                return true;
            }
            link.Channel.Send(data, offset, count, destination);
            link.Touch();
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>After a passive read: re-notify remaining bytes, or report a deferred CLOSED once drained.</summary>
    public void AfterRead(EmulatedLink link)
    {
        int remaining = link.AfterRead(out bool closeNow);
        if (remaining > 0) emulator.Output($"\r\n+IPD,{Prefix(link.Id)}{remaining}\r\n");
        else if (closeNow) CloseAndReport(link.Id);
    }

    private EmulatedLink Open(int id, Func<EmulatedLink> connect)
    {
        lock (gate)
        {
            if (!WaitWhileClosing(id) || links[id] is not null || reserved[id]) throw new CommandException("0x010a0000"); // ALREADY CONNECTED (logged on UART0 only)
            reserved[id] = true;
        }
        try
        {
            var link = connect();
            lock (gate)
            {
                links[id] = link;
                EverLinked = true;
            }
            return link;
        }
        finally
        {
            lock (gate) reserved[id] = false;
        }
    }

    private Socket Connect(IPEndPoint remote, int timeoutMs, NetworkPath path)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (emulator.Faults.TakeRefuseConnect()) throw new SocketException((int)SocketError.ConnectionRefused);
            ConnectWithoutThreadPool(socket, remote, timeoutMs);
            // The handshake's SYN and SYN-ACK each cross the simulated path (loopback answered at once).
            emulator.Clock.Delay((int)Math.Round(path.DeliveryMs(0, Random.Shared.NextDouble()) + path.DeliveryMs(0, Random.Shared.NextDouble())));
            return socket;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            throw new CommandException("0x010a0000");
        }
    }

    /// <summary>
    /// A non-blocking connect finished by <see cref="Socket.Poll(int, SelectMode)"/> on this (the command's) thread. An
    /// async connect's completion and its timeout's timer both need a thread-pool thread: with the pool starved by
    /// blocked callers (a full test run) neither came, and CIPSTART went unanswered for 20 s and more.
    /// </summary>
    private static void ConnectWithoutThreadPool(Socket socket, IPEndPoint remote, int timeoutMs)
    {
        socket.Blocking = false;
        try { socket.Connect(remote); }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress) { }
        if (!socket.Poll((int)Math.Min(timeoutMs * 1000L, int.MaxValue), SelectMode.SelectWrite)) throw new SocketException((int)SocketError.TimedOut);
        int error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != 0) throw new SocketException(error);
        socket.Blocking = true;
    }

    private static int LocalPort(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    private void ReadLoop(EmulatedLink link)
    {
        var buffer = new byte[link.IsDatagram ? 65536 : MaxFrame];
        try
        {
            while (true)
            {
                bool passive = emulator.State.RecvMode[link.Id] == 1 && link != Passthrough;
                if (passive && !link.IsDatagram) link.WaitForRoom(200);
                if (this[link.Id] != link) return;
                int room = passive && !link.IsDatagram ? EmulatedLink.ReceiveWindow - link.Buffered : buffer.Length;
                if (room <= 0) continue;
                int n = link.Channel.Receive(buffer, Math.Min(room, buffer.Length), out var from);
                if (n == 0 && !link.IsDatagram) break;
                if (n == 0) continue;
                link.Touch();
                if (link.IsDatagram) link.SawSender(from);
                // The remote-close fault (spec §7.7) is taken for these bytes before anything announces them: taken
                // after the announcement, a host quick to read the earlier data could arm it only then and see it fire
                // on that earlier data.
                bool closeNow = emulator.Faults.TakeRemoteClose(link.Id);
                if (closeNow && passive && link != Passthrough) { AnnounceGoneAndClose(link, n); return; }
                if (link == Passthrough) emulator.Output(buffer[..n]); // raw, no +IPD (spec §2.3)
                else if (passive) Notify(link, buffer, n, from);
                // lwIP hands out at most the read size of a datagram; the rest of a larger one is lost.
                else emulator.Output(ActiveFrame(link, buffer, Math.Min(n, MaxFrame), from));
                if (closeNow) { CloseAndReport(link.Id); return; } // the bytes went out with the frame itself
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            if (this[link.Id] != link || link.Closing) return; // closed by the host
        }
        if (link.Closing) return;
        if (link.PeerClosed()) CloseAndReport(link.Id);
    }

    // Spec §7.7: the firmware announces data, reports CLOSED at once, and the unread bytes are gone. The bytes are never
    // buffered and both lines leave in one write as the link closes, so no CIPRECVDATA the host sends on the notice can
    // find them (buffering, announcing, then closing left a moment in which the "gone" data was still readable).
    private void AnnounceGoneAndClose(EmulatedLink link, int n)
    {
        int overhead = link.IsSsl && emulator.Faults.SslEncryptedLengths ? EmulatedLink.TlsRecordOverhead : 0;
        int total = link.Buffered + n + overhead;
        Close(link.Id, $"\r\n+IPD,{Prefix(link.Id)}{total}\r\n{Prefix(link.Id)}CLOSED\r\n");
    }

    private void Notify(EmulatedLink link, byte[] data, int n, IPEndPoint from)
    {
        int overhead = link.IsSsl && emulator.Faults.SslEncryptedLengths ? EmulatedLink.TlsRecordOverhead : 0;
        int total = link.Buffer(data, n, from, overhead);
        if (total > 0 && !emulator.Faults.DropNotice()) emulator.Output($"\r\n+IPD,{Prefix(link.Id)}{total}\r\n");
    }

    private byte[] ActiveFrame(EmulatedLink link, byte[] data, int n, IPEndPoint from)
    {
        var header = emulator.State.CipDInfo
            ? $"\r\n+IPD,{Prefix(link.Id)}{n},\"{Ipv6Text.Of(from.Address)}\",{from.Port}:"
            : $"\r\n+IPD,{Prefix(link.Id)}{n}:";
        var head = Encoding.ASCII.GetBytes(header);
        var frame = new byte[head.Length + n + 2];
        head.CopyTo(frame, 0);
        Array.Copy(data, 0, frame, head.Length, n);
        frame[^2] = (byte)'\r';
        frame[^1] = (byte)'\n';
        return frame;
    }

    /// <summary>CIPSTO (spec §4): closes server-accepted links idle for the timeout, on the emulator clock.</summary>
    private void StartIdleWatch()
    {
        lock (gate)
        {
            if (idleWatchRunning) return;
            idleWatchRunning = true;
        }
        new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(50);
                EmulatedLink[] serverLinks;
                lock (gate)
                {
                    serverLinks = links.Where(l => l is { IsServer: true }).ToArray()!;
                    if (serverLinks.Length == 0)
                    {
                        idleWatchRunning = false;
                        return;
                    }
                }
                int seconds = emulator.State.CipSto;
                if (seconds == 0) continue;
                double limitMs = seconds * 1000.0 * emulator.Clock.SpeedFactor;
                foreach (var link in serverLinks)
                    if (Environment.TickCount64 - link.LastActivity >= limitMs && this[link.Id] == link) CloseAndReport(link.Id);
            }
        }) { IsBackground = true, Name = "esp-at CIPSTO" }.Start();
    }
}
