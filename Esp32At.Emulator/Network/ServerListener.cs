using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Network;

/// <summary>
/// The CIPSERVER listener (spec §2.3, §4) on a real 127.0.0.1 port (see <see cref="PortMap"/>). Each client takes
/// the lowest free link id and is announced with <c>&lt;id&gt;,CONNECT</c>. When the server links reach
/// CIPSERVERMAXCONN the listening socket is closed, so further clients are refused, and it listens again on the same
/// host port when a server link closes.
/// </summary>
public sealed class ServerListener
{
    private readonly EspEmulator emulator;
    private readonly object gate = new();
    private Socket? listener;
    private IPEndPoint? hostEndPoint;
    private bool stopped;

    public ServerListener(EspEmulator emulator, int port, string type, bool caEnable, int netif = 0)
    {
        Netif = netif;
        this.emulator = emulator;
        Port = port;
        Type = type;
        CaEnable = caEnable;
    }

    /// <summary>The ESP port.</summary>
    public int Port { get; }
    /// <summary>TCP, SSL, TCPv6 or SSLv6.</summary>
    public string Type { get; }
    /// <summary>SSL or SSLv6: clients are served TLS.</summary>
    public bool IsSsl => Type is "SSL" or "SSLv6";
    /// <summary>SSL: clients must present a certificate issued by <c>server_ca.0</c>.</summary>
    public bool CaEnable { get; }
    /// <summary>The v4.1 <c>&lt;netif&gt;</c> as set ([UNVERIFIED] numbering; the emulator listens on loopback regardless).</summary>
    public int Netif { get; }
    /// <summary>The real endpoint clients connect to.</summary>
    public IPEndPoint HostEndPoint => hostEndPoint ?? throw new InvalidOperationException("not started");
    /// <summary>False while the connection cap has the listening socket closed.</summary>
    public bool Listening { get { lock (gate) return listener is not null; } }

    /// <summary>Binds and starts accepting; throws <see cref="SocketException"/> when no port can be bound.</summary>
    public void Start() => Listen();

    /// <summary>Stops listening (CIPSERVER=0); the accepted links stay unless the caller closes them.</summary>
    public void Stop()
    {
        lock (gate)
        {
            stopped = true;
            listener?.Dispose();
            listener = null;
        }
        emulator.Links.Ports.Release("TCP", Port);
    }

    /// <summary>A server link closed: below the cap again, listen again.</summary>
    public void ServerLinkClosed()
    {
        lock (gate)
        {
            if (stopped || listener is not null || emulator.Links.ServerLinkCount >= emulator.State.CipServerMaxConn) return;
        }
        try { Listen(); }
        catch (SocketException) { } // the port was taken meanwhile: the server stays deaf, like a failed listen on the ESP
    }

    private void Listen()
    {
        lock (gate)
        {
            if (stopped || listener is not null) return;
            var socket = emulator.Links.Ports.Listen(Port, 5, hostEndPoint, ipv6: Type.EndsWith("v6", StringComparison.Ordinal));
            hostEndPoint = (IPEndPoint)socket.LocalEndPoint!;
            listener = socket;
            new Thread(() => AcceptLoop(socket)) { IsBackground = true, Name = $"esp-at server {Port}" }.Start();
        }
    }

    private void AcceptLoop(Socket socket)
    {
        while (true)
        {
            Socket client;
            try { client = socket.Accept(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            client.NoDelay = true;
            if (IsSsl) new Thread(() => Admit(client)) { IsBackground = true, Name = "esp-at TLS accept" }.Start();
            else Admit(client);
        }
    }

    private void Admit(Socket client)
    {
        var remote = (IPEndPoint)client.RemoteEndPoint!;
        LinkChannel channel;
        if (IsSsl)
        {
            emulator.Clock.Delay(emulator.Options.SslHandshakeTimeMs);
            try { channel = new StreamChannel(client, TlsHandshake.Server(client, CaEnable, emulator.Mfg, emulator.Radio.UtcNow()), remote); }
            catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
            {
                client.Dispose();
                return;
            }
        }
        else channel = new StreamChannel(client, new NetworkStream(client, ownsSocket: false), remote);

        channel = emulator.Links.OnPath(channel, PathChoice.ForAccepted(emulator));
        EmulatedLink? link = null;
        lock (gate)
        {
            if (!stopped && emulator.Links.ServerLinkCount < emulator.State.CipServerMaxConn)
                link = emulator.Links.AddLowest(id => new EmulatedLink(id, Type, channel, remote, Port, isServer: true));
            if (link is not null && emulator.Links.ServerLinkCount >= emulator.State.CipServerMaxConn)
            {
                listener?.Dispose(); // at the cap: unlisten (at_unlisten_when_reach_conn_max)
                listener = null;
            }
        }
        if (link is null)
        {
            client.LingerState = new LingerOption(true, 0); // reset, as lwIP does for a connection it cannot take
            channel.Dispose();
            return;
        }
        emulator.Output(emulator.Links.ConnectText(link));
        emulator.Links.StartReading(link);
    }
}
