using System.Net;
using System.Net.Sockets;
using GHIElectronics.TinyCLR.Networking;

namespace GHIElectronics.TinyCLR.Framework;

/// <summary>
/// TinyCLR 2.2.1.2000's <c>System.Net.Sockets.Socket</c> as a host stand-in: every member calls the provider in the
/// order, with the arguments and the return-value handling of GHI's class
/// (<c>ghi-electronics/TinyCLR-Libraries@a9c94720:GHIElectronics.TinyCLR.Networking/Sockets/Socket.cs</c>, cited per member
/// as <c>Socket.cs#L..</c>). The call structure is ported, not the code. The one deliberate difference: a wait that GHI
/// makes forever (timeout -1) is capped at <see cref="HangGuard"/> so a broken provider fails a test instead of hanging it.
/// </summary>
public sealed class FrameworkSocket : IDisposable
{
    private readonly INetworkProvider ni;
    private EndPoint localEndPoint;

    /// <summary>Socket.cs#L56-L59: the provider is the default controller's; Create is the only call (the family passed as given).</summary>
    public FrameworkSocket(INetworkProvider provider, SocketType type = SocketType.Stream, ProtocolType protocol = ProtocolType.Tcp,
        AddressFamily family = AddressFamily.InterNetwork)
    {
        ni = provider;
        Handle = ni.Create(family, type, protocol);
        Type = type;
    }

    /// <summary>Socket.cs#L61-L64: an accepted socket wraps the handle Accept returned, no provider call.</summary>
    private FrameworkSocket(INetworkProvider provider, int handle)
    {
        ni = provider;
        Handle = handle;
        Type = SocketType.Stream;
    }

    /// <summary>Bound on waits GHI makes forever (test safety only).</summary>
    public static TimeSpan HangGuard { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>TinyCLR's <c>m_Handle</c>: -1 once closed (Socket.cs#L16).</summary>
    public int Handle { get; private set; }
    public SocketType Type { get; }
    public INetworkProvider Provider => ni;

    /// <summary>Sleep between provider Send calls (Socket.cs#L18, default 1 ms).</summary>
    public int DelayBetweenSend { get; set; } = 1;
    /// <summary>Sleep between provider Receive calls (Socket.cs#L19, default 1 ms).</summary>
    public int DelayBetweenReceive { get; set; } = 1;

    /// <summary>Milliseconds, -1 = infinite (GHI's default, Socket.cs#L53). Managed only: setting it makes NO provider call (#L111-L119).</summary>
    public int ReceiveTimeout { get; set; } = Timeout.Infinite;
    /// <summary>Milliseconds, -1 = infinite (Socket.cs#L54). Managed only (#L121-L129); also what Connect passes to Poll as microseconds.</summary>
    public int SendTimeout { get; set; } = Timeout.Infinite;

    /// <summary>Socket.cs#L66-L76: one provider Available call.</summary>
    public int Available
    {
        get
        {
            ThrowIfClosed();
            return ni.Available(Handle);
        }
    }

    public EndPoint LocalEndPoint => GetEndPoint(true);
    public EndPoint RemoteEndPoint => GetEndPoint(false);

    /// <summary>Socket.cs#L131-L139: Bind(serialised address), then the endpoint is remembered.</summary>
    public void Bind(EndPoint ep)
    {
        ThrowIfClosed();
        ni.Bind(Handle, ep.Serialize());
        localEndPoint = ep;
    }

    /// <summary>
    /// Socket.cs#L141-L153: Connect, then (blocking sockets, always in 2.2) Poll(SendTimeout, SelectWrite). GHI passes the
    /// millisecond SendTimeout as microseconds, -1 by default (wait forever); false is SocketException(SocketError).
    /// </summary>
    public void Connect(EndPoint ep)
    {
        ThrowIfClosed();
        ni.Connect(Handle, ep.Serialize());
        if (!Poll(SendTimeout, SelectMode.SelectWrite)) throw new SocketException((int)SocketError.SocketError);
    }

    /// <summary>Socket.cs#L157-L163.</summary>
    public void Listen(int backlog)
    {
        ThrowIfClosed();
        ni.Listen(Handle, backlog);
    }

    /// <summary>Socket.cs#L165-L183: Poll(-1, SelectRead) (its result ignored), then Accept; the new socket shares the local endpoint.</summary>
    public FrameworkSocket Accept()
    {
        ThrowIfClosed();
        Poll(-1, SelectMode.SelectRead);
        return new FrameworkSocket(ni, ni.Accept(Handle)) { localEndPoint = localEndPoint };
    }

    public int Send(byte[] buffer) => Send(buffer, 0, buffer?.Length ?? 0, SocketFlags.None);
    public int Send(byte[] buffer, int offset, int size) => Send(buffer, offset, size, SocketFlags.None);

    /// <summary>
    /// Socket.cs#L191-L234: provider Send until all is sent; negative stops (returning what was sent), positive resets the
    /// SendTimeout deadline, 0 retries after DelayBetweenSend; past the deadline: Exception("Socket send timeout").
    /// </summary>
    public int Send(byte[] buffer, int offset, int size, SocketFlags flags) =>
        SendLoop(size, n => ni.Send(Handle, buffer, offset + n, size - n, flags));

    /// <summary>Socket.cs#L236-L280: as Send, with the address serialised once before the loop.</summary>
    public int SendTo(byte[] buffer, EndPoint to)
    {
        ThrowIfClosed();
        var address = to.Serialize();
        return SendLoop(buffer.Length, n => ni.SendTo(Handle, buffer, n, buffer.Length - n, SocketFlags.None, address));
    }

    public int Receive(byte[] buffer) => Receive(buffer, 0, buffer?.Length ?? 0, SocketFlags.None);
    public int Receive(byte[] buffer, int offset, int size) => Receive(buffer, offset, size, SocketFlags.None);

    /// <summary>
    /// Socket.cs#L294-L330: provider Receive until it returns non-zero: positive is returned, negative ends with 0 (end
    /// of stream in 2.2), 0 sleeps DelayBetweenReceive and retries; past ReceiveTimeout: Exception("Socket receive timeout").
    /// </summary>
    public int Receive(byte[] buffer, int offset, int size, SocketFlags flags) =>
        ReceiveLoop(size, n => ni.Receive(Handle, buffer, offset + n, size - n, flags));

    /// <summary>Socket.cs#L332-L373: the remote endpoint is serialised first and passed by ref; rebuilt with Create after.</summary>
    public int ReceiveFrom(byte[] buffer, ref EndPoint from)
    {
        ThrowIfClosed();
        var address = from.Serialize();
        int n = ReceiveLoop(buffer.Length, got => ni.ReceiveFrom(Handle, buffer, got, buffer.Length - got, SocketFlags.None, ref address));
        from = from.Create(address);
        return n;
    }

    /// <summary>
    /// Socket.cs#L381-L405: the value as 4 little-endian bytes; SendTimeout/ReceiveTimeout also set the managed
    /// timeouts (0 = infinite) and are still passed to the provider. bool options are 1/0 (#L407).
    /// </summary>
    public void SetSocketOption(SocketOptionLevel level, SocketOptionName name, int value)
    {
        ThrowIfClosed();
        var bytes = BitConverter.GetBytes(value);
        if (name == SocketOptionName.SendTimeout) SendTimeout = value == 0 ? Timeout.Infinite : value;
        if (name == SocketOptionName.ReceiveTimeout) ReceiveTimeout = value == 0 ? Timeout.Infinite : value;
        ni.SetOption(Handle, level, name, bytes);
    }

    public void SetSocketOption(SocketOptionLevel level, SocketOptionName name, bool value) => SetSocketOption(level, name, value ? 1 : 0);

    /// <summary>Socket.cs#L417-L440: DontLinger/Add-/DropMembership are NotSupported before any call; else a 4-byte GetOption.</summary>
    public object GetSocketOption(SocketOptionLevel level, SocketOptionName name)
    {
        if (name == SocketOptionName.DontLinger || name == SocketOptionName.AddMembership || name == SocketOptionName.DropMembership)
            throw new NotSupportedException();
        var value = new byte[4];
        ThrowIfClosed();
        ni.GetOption(Handle, level, name, value);
        return BitConverter.ToInt32(value, 0);
    }

    /// <summary>
    /// Socket.cs#L450-L469: the provider's Poll is called with the caller's full microsecond value on every round, with
    /// 1 ms sleeps, until true, the deadline (-1 = none), or the handle was closed meanwhile.
    /// </summary>
    public bool Poll(int microSeconds, SelectMode mode)
    {
        ThrowIfClosed();
        var deadline = microSeconds == -1 ? DateTime.UtcNow + HangGuard : DateTime.UtcNow.AddTicks(microSeconds * 10L);
        while (DateTime.UtcNow < deadline)
        {
            if (ni.Poll(Handle, microSeconds, mode)) return true;
            if (Handle == -1) break;
            Thread.Sleep(1);
        }
        return false;
    }

    /// <summary>Socket.cs#L155 and #L471-L477: Close once, then the handle is -1.</summary>
    public void Close() => Dispose();

    public void Dispose()
    {
        lock (this)
        {
            if (Handle == -1) return;
            ni.Close(Handle);
            Handle = -1;
        }
    }

    /// <summary>Socket.cs#L78-L105: GetLocalAddress/GetRemoteAddress, decoded with the remembered local endpoint's Create.</summary>
    private EndPoint GetEndPoint(bool local)
    {
        ThrowIfClosed();
        localEndPoint ??= new IPEndPoint(IPAddress.Any, 0);
        SocketAddress address;
        if (local) ni.GetLocalAddress(Handle, out address);
        else ni.GetRemoteAddress(Handle, out address);
        var ep = localEndPoint.Create(address);
        if (local) localEndPoint = ep;
        return ep;
    }

    private int SendLoop(int size, Func<int, int> send)
    {
        ThrowIfClosed();
        var expired = Deadline(SendTimeout);
        int total = 0;
        while (DateTime.UtcNow < expired && total < size)
        {
            int sent = send(total);
            if (sent < 0) break;
            if (sent > 0) expired = Deadline(SendTimeout);
            if (Handle == -1) break;
            total += sent;
            if (total < size) Thread.Sleep(DelayBetweenSend);
        }
        if (DateTime.UtcNow > expired) throw new Exception("Socket send timeout");
        return total;
    }

    private int ReceiveLoop(int size, Func<int, int> receive)
    {
        ThrowIfClosed();
        var expired = Deadline(ReceiveTimeout);
        int total = 0;
        while (DateTime.UtcNow < expired && total < size)
        {
            int read = receive(total);
            if (read < 0) break;
            if (read > 0)
            {
                total += read;
                break;
            }
            if (Handle == -1) break;
            Thread.Sleep(DelayBetweenReceive);
        }
        if (DateTime.UtcNow > expired) throw new Exception("Socket receive timeout");
        return total;
    }

    private static DateTime Deadline(int timeoutMs) =>
        timeoutMs == Timeout.Infinite ? DateTime.UtcNow + HangGuard : DateTime.UtcNow.AddMilliseconds(timeoutMs);

    internal void ThrowIfClosed()
    {
        if (Handle == -1) throw new ObjectDisposedException(nameof(FrameworkSocket));
    }
}
