using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Esp32At.Emulator.Network;
using MQTTnet.Channel;

namespace Esp32At.Emulator.Mqtt;

/// <summary>
/// The TCP (and TLS) connection of one MQTT client to its broker, opened by the emulator itself and handed to MQTTnet
/// as its stream (schemes 1-5; the WebSocket schemes use MQTTnet's own transport):
/// <list type="bullet">
/// <item>It connects and runs the TLS handshake synchronously on the calling thread (the command's or the reconnect
/// thread), so a cold handshake waits for no thread-pool thread (each step of an async handshake did, and under a busy
/// pool a cold TLS AT+MQTTCONN took seconds).</item>
/// <item>Closing it (MQTTnet disposes the stream on Dispose and DisconnectAsync) sends a FIN and then waits, on its own
/// thread, until the broker closes its end too: a broker closes a connection only after its clean-up of it (MQTTnet's
/// broker: will, session removal by client id). <see cref="WaitClosed"/> lets the next connection wait for that, so the
/// late clean-up of the old connection cannot delete the session of the new one with the same client id.</item>
/// </list>
/// </summary>
internal sealed class MqttBrokerLink : IMqttClientStreamProvider
{
    /// <summary>How long a closed link waits for the broker's close before it gives up and resets.</summary>
    public const int CloseTimeoutMs = 3_000;

    private static readonly object Gate = new();
    private static readonly List<MqttBrokerLink> Closing = [];

    private readonly Socket socket;
    private readonly ManualResetEventSlim closed = new();
    private Stream stream = Stream.Null;
    private int disposed;

    private MqttBrokerLink(Socket socket, IPEndPoint remote)
    {
        this.socket = socket;
        Remote = remote;
    }

    /// <summary>The remote end of the link (the broker's address and port).</summary>
    public IPEndPoint Remote { get; }

    /// <summary>Connects to <paramref name="broker"/>; with <paramref name="tls"/> also runs the handshake. Throws when either fails.</summary>
    public static MqttBrokerLink Open(IPEndPoint broker, SslClientAuthenticationOptions? tls, int timeoutMs)
    {
        WaitClosed(broker);
        var socket = new Socket(broker.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            Connect(socket, broker, timeoutMs);
            var link = new MqttBrokerLink(socket, broker);
            link.stream = new LinkStream(socket, link);
            if (tls is null) return link;
            socket.ReceiveTimeout = socket.SendTimeout = timeoutMs; // the synchronous handshake's bound
            var ssl = new SslStream(link.stream, leaveInnerStreamOpen: false);
            ssl.AuthenticateAsClient(tls);
            socket.ReceiveTimeout = socket.SendTimeout = 0; // MQTTnet reads asynchronously with its own timeouts
            link.stream = ssl;
            return link;
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or TimeoutException)
        {
            socket.Dispose();
            throw new IOException("no MQTT link to the broker", e);
        }
    }

    // A non-blocking connect polled on this thread: bounded, and no thread-pool completion to wait for.
    private static void Connect(Socket socket, IPEndPoint broker, int timeoutMs)
    {
        socket.Blocking = false;
        try { socket.Connect(broker); }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress) { }
        if (!socket.Poll(timeoutMs * 1000L > int.MaxValue ? int.MaxValue : timeoutMs * 1000, SelectMode.SelectWrite))
            throw new TimeoutException("no TCP connection to the broker");
        var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != SocketError.Success) throw new SocketException((int)error);
        socket.Blocking = true;
    }

    /// <summary>Waits (up to <see cref="CloseTimeoutMs"/>) until the broker at <paramref name="broker"/> closed every link closed to it before.</summary>
    public static void WaitClosed(IPEndPoint broker)
    {
        MqttBrokerLink[] pending;
        lock (Gate) pending = Closing.Where(l => l.Remote.Equals(broker)).ToArray();
        foreach (var l in pending) l.closed.Wait(CloseTimeoutMs + 500);
    }

    /// <summary>A client certificate chain check against the CA provisioned on the ESP (none: no verification).</summary>
    public static RemoteCertificateValidationCallback Validator(bool verify, X509Certificate2? ca, string name, DateTime espUtcNow) =>
        (_, certificate, chain, _) => !verify || TlsHandshake.Verify(certificate, chain, ca, name, espUtcNow);

    Task<Stream> IMqttClientStreamProvider.ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken) =>
        Task.FromResult(stream);

    // The stream was disposed: FIN now, then the broker's FIN (or the timeout) on a thread of its own.
    private void Close()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        lock (Gate) Closing.Add(this);
        try { socket.Shutdown(SocketShutdown.Send); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* already gone */ }
        new Thread(Drain) { IsBackground = true, Name = "esp-at mqtt close" }.Start();
    }

    private void Drain()
    {
        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow.AddMilliseconds(CloseTimeoutMs);
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                if (!socket.Poll(100_000, SelectMode.SelectRead)) continue;
                if (socket.Receive(buffer) == 0) break; // the broker closed its end
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { /* reset: closed as well */ }
        socket.Dispose();
        lock (Gate) Closing.Remove(this);
        closed.Set();
    }

    // The socket's stream; disposing it (MQTTnet does, directly or through the SslStream) closes the link gracefully.
    private sealed class LinkStream(Socket socket, MqttBrokerLink owner) : NetworkStream(socket, ownsSocket: false)
    {
        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) owner.Close();
        }
    }
}
