using System.Net;
using System.Net.Sockets;
using GHIElectronics.TinyCLR.Networking;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// Drives an <see cref="INetworkProvider"/> with the call sequences of TinyCLR 2.2.1.2000's System.Net.Sockets.Socket
/// (tinyclr-api.md §3.2): Connect then Poll(SelectWrite), Send/Receive loops with their 0/negative conventions,
/// Poll before Accept, 4-byte option values, Close once. Written from that description, not from GHI's code.
/// </summary>
public sealed class FrameworkSocket : IDisposable
{
    private readonly INetworkProvider ni;

    public FrameworkSocket(INetworkProvider provider, SocketType type = SocketType.Stream, ProtocolType protocol = ProtocolType.Tcp)
    {
        ni = provider;
        Handle = ni.Create(AddressFamily.InterNetwork, type, protocol);
        Type = type;
    }

    private FrameworkSocket(INetworkProvider provider, int handle)
    {
        ni = provider;
        Handle = handle;
        Type = SocketType.Stream;
    }

    public int Handle { get; private set; }
    public SocketType Type { get; }
    /// <summary>Milliseconds; -1 = infinite (TinyCLR's default). Tests always set a bound.</summary>
    public int ReceiveTimeout { get; set; } = 10_000;
    public int SendTimeout { get; set; } = 10_000;
    public INetworkProvider Provider => ni;

    public void Connect(IPEndPoint ep)
    {
        ni.Connect(Handle, ep.Serialize());
        // TinyCLR 2.2 passes SendTimeout (ms) as microseconds here (a GHI bug the provider must survive).
        if (!Poll(SendTimeout, SelectMode.SelectWrite)) throw new SocketException((int)SocketError.SocketError);
    }

    public void Bind(IPEndPoint ep) => ni.Bind(Handle, ep.Serialize());
    public void Listen(int backlog) => ni.Listen(Handle, backlog);

    public FrameworkSocket Accept()
    {
        Poll(-1, SelectMode.SelectRead);
        return new FrameworkSocket(ni, ni.Accept(Handle));
    }

    public int Available => ni.Available(Handle);

    /// <summary>Loops the provider's Poll with 1 ms sleeps until true or the deadline (µs; -1 = forever, capped at 30 s here).</summary>
    public bool Poll(int microSeconds, SelectMode mode)
    {
        var deadline = DateTime.UtcNow.AddTicks(microSeconds < 0 ? TimeSpan.FromSeconds(30).Ticks : microSeconds * 10L);
        while (true)
        {
            if (ni.Poll(Handle, microSeconds, mode)) return true;
            if (Handle == -1 || DateTime.UtcNow >= deadline) return false;
            Thread.Sleep(1);
        }
    }

    public int Send(byte[] buffer, int offset, int size) => SendLoop(buffer, offset, size, (b, o, n) => ni.Send(Handle, b, o, n, SocketFlags.None));
    public int Send(byte[] buffer) => Send(buffer, 0, buffer.Length);

    public int SendTo(byte[] buffer, IPEndPoint to) =>
        SendLoop(buffer, 0, buffer.Length, (b, o, n) => ni.SendTo(Handle, b, o, n, SocketFlags.None, to.Serialize()));

    public int Receive(byte[] buffer, int offset, int size) => ReceiveLoop(() => ni.Receive(Handle, buffer, offset, size, SocketFlags.None));
    public int Receive(byte[] buffer) => Receive(buffer, 0, buffer.Length);

    public int ReceiveFrom(byte[] buffer, ref IPEndPoint from)
    {
        var address = new IPEndPoint(IPAddress.Any, 0).Serialize();
        int n = ReceiveLoop(() => ni.ReceiveFrom(Handle, buffer, 0, buffer.Length, SocketFlags.None, ref address));
        from = (IPEndPoint)from.Create(address);
        return n;
    }

    public IPEndPoint RemoteEndPoint
    {
        get
        {
            ni.GetRemoteAddress(Handle, out var sa);
            return (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(sa);
        }
    }

    public IPEndPoint LocalEndPoint
    {
        get
        {
            ni.GetLocalAddress(Handle, out var sa);
            return (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(sa);
        }
    }

    public void SetSocketOption(SocketOptionLevel level, SocketOptionName name, int value) =>
        ni.SetOption(Handle, level, name, BitConverter.GetBytes(value));

    public int GetSocketOption(SocketOptionLevel level, SocketOptionName name)
    {
        var value = new byte[4];
        ni.GetOption(Handle, level, name, value);
        return BitConverter.ToInt32(value, 0);
    }

    public void Dispose()
    {
        if (Handle == -1) return;
        ni.Close(Handle);
        Handle = -1;
    }

    internal int SendLoop(byte[] buffer, int offset, int size, Func<byte[], int, int, int> send)
    {
        int sent = 0;
        var deadline = DateTime.UtcNow.AddMilliseconds(SendTimeout);
        while (sent < size)
        {
            int n = send(buffer, offset + sent, size - sent);
            if (n < 0) break;
            if (n == 0)
            {
                if (DateTime.UtcNow > deadline) throw new Exception("Socket send timeout");
                Thread.Sleep(1);
                continue;
            }
            sent += n;
            deadline = DateTime.UtcNow.AddMilliseconds(SendTimeout);
        }
        return sent;
    }

    internal int ReceiveLoop(Func<int> receive)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(ReceiveTimeout);
        while (true)
        {
            int n = receive();
            if (n > 0) return n;
            if (n < 0) return 0;
            if (DateTime.UtcNow > deadline) throw new Exception("Socket receive timeout");
            Thread.Sleep(1);
        }
    }
}

/// <summary>TinyCLR's Dns.GetHostEntry over the provider: IPv4 entries decoded from bytes [4..7].</summary>
public static class FrameworkDns
{
    public static IPAddress[] GetHostEntry(INetworkProvider ni, string name)
    {
        ni.GetHostByName(name, out _, out var addresses);
        return addresses.Select(a => new IPAddress(new[] { a[4], a[5], a[6], a[7] })).ToArray();
    }
}

/// <summary>
/// TinyCLR's NetworkStream/SslStream over the provider: the NetworkStream constructor reads RemoteEndPoint and
/// GetSocketOption(Socket, Type); AuthenticateAsClient returns a TLS handle that Read/Write/Dispose use.
/// </summary>
public sealed class FrameworkSslStream : IDisposable
{
    private readonly FrameworkSocket socket;
    private int sslHandle = -1;

    public FrameworkSslStream(FrameworkSocket socket)
    {
        this.socket = socket;
        _ = socket.RemoteEndPoint;
        Assert.Equal((int)socket.Type, socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Type));
    }

    public void AuthenticateAsClient(string host, System.Security.Cryptography.X509Certificates.X509Certificate? ca = null,
        System.Security.Authentication.SslVerification verification = System.Security.Authentication.SslVerification.Optional) =>
        sslHandle = socket.Provider.AuthenticateAsClient(socket.Handle, host, ca!, null!, System.Security.Authentication.SslProtocols.None, verification);

    /// <summary>GHI's SslStream.AuthenticateAsServer(cert, protocols): provider.AuthenticateAsServer(socket handle, cert, protocols).</summary>
    public void AuthenticateAsServer(System.Security.Cryptography.X509Certificates.X509Certificate? certificate) =>
        sslHandle = socket.Provider.AuthenticateAsServer(socket.Handle, certificate!, System.Security.Authentication.SslProtocols.None);

    public void Write(byte[] buffer) =>
        socket.SendLoop(buffer, 0, buffer.Length, (b, o, n) => socket.Provider.SecureWrite(sslHandle, b, o, n));

    public int Read(byte[] buffer, int offset, int count) =>
        socket.ReceiveLoop(() => socket.Provider.SecureRead(sslHandle, buffer, offset, count));

    public bool DataAvailable => socket.Provider.Available(sslHandle) > 0;

    public void Dispose()
    {
        if (sslHandle != -1) socket.Provider.Close(sslHandle);
        sslHandle = -1;
    }
}
