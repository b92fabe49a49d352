using System.Net;
using System.Net.Sockets;

namespace GHIElectronics.TinyCLR.Framework;

/// <summary>
/// TinyCLR 2.2.1.2000's <c>NetworkStream</c> call structure over <see cref="FrameworkSocket"/>
/// (<c>ghi-electronics/TinyCLR-Libraries@a9c94720:GHIElectronics.TinyCLR.Networking/Sockets/NetworkStream.cs</c>, cited
/// per member as <c>NetworkStream.cs#L..</c>).
/// </summary>
public class FrameworkNetworkStream : IDisposable
{
    private readonly bool ownsSocket;
    private EndPoint remoteEndPoint;

    /// <summary>
    /// NetworkStream.cs#L73-L95: RemoteEndPoint first (GetRemoteAddress); if that throws, GetOption(Socket, Error) and an
    /// IOException carrying it; then GetOption(Socket, Type), which decides Receive vs ReceiveFrom for the stream's life.
    /// </summary>
    public FrameworkNetworkStream(FrameworkSocket socket, bool ownsSocket = false)
    {
        ArgumentNullException.ThrowIfNull(socket);
        try
        {
            remoteEndPoint = socket.RemoteEndPoint;
        }
        catch (Exception e)
        {
            int error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error);
            throw new IOException(error.ToString(), e);
        }
        Socket = socket;
        SocketType = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Type);
        this.ownsSocket = ownsSocket;
    }

    public FrameworkSocket Socket { get; }
    /// <summary>What GetOption(Socket, Type) answered in the constructor.</summary>
    public int SocketType { get; }
    protected bool Disposed { get; set; }

    /// <summary>NetworkStream.cs#L134-L150: 0 and values below -1 are refused; the socket's managed timeout only (no provider call).</summary>
    public int ReadTimeout
    {
        get => Socket.ReceiveTimeout;
        set
        {
            if (value == 0 || value < Timeout.Infinite) throw new ArgumentOutOfRangeException(nameof(value));
            Socket.ReceiveTimeout = value;
        }
    }

    public int WriteTimeout
    {
        get => Socket.SendTimeout;
        set
        {
            if (value == 0 || value < Timeout.Infinite) throw new ArgumentOutOfRangeException(nameof(value));
            Socket.SendTimeout = value;
        }
    }

    /// <summary>NetworkStream.cs#L161-L170: Socket.Available.</summary>
    public virtual long Length
    {
        get
        {
            ThrowIfUnusable();
            return Socket.Available;
        }
    }

    /// <summary>NetworkStream.cs#L189-L198: Available &gt; 0.</summary>
    public virtual bool DataAvailable
    {
        get
        {
            ThrowIfUnusable();
            return Socket.Available > 0;
        }
    }

    /// <summary>
    /// NetworkStream.cs#L292-L322: Available first; when some is there but less than asked, the request shrinks to it;
    /// then one Socket.Receive (stream) or ReceiveFrom (datagram). End of stream reads 0.
    /// </summary>
    public virtual int Read(byte[] buffer, int offset, int count)
    {
        ThrowIfUnusable();
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0 || offset > buffer.Length || count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException(nameof(count));
        int available = Socket.Available;
        if (count > available && available > 0) count = available;
        if (SocketType == (int)System.Net.Sockets.SocketType.Stream) return Socket.Receive(buffer, offset, count, SocketFlags.None);
        if (SocketType == (int)System.Net.Sockets.SocketType.Dgram) return ReceiveFrom(buffer, offset, count);
        throw new NotSupportedException();
    }

    /// <summary>
    /// NetworkStream.cs#L387-L423: Socket.Send of what is left; a send of 0 bytes sleeps 100 ms and costs one of 5
    /// retries (reset by any progress); anything left over is an IOException.
    /// </summary>
    public virtual void Write(byte[] buffer, int offset, int count)
    {
        ThrowIfUnusable();
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0 || offset > buffer.Length || count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException(nameof(count));
        int retries = 5;
        do
        {
            if (SocketType != (int)System.Net.Sockets.SocketType.Stream) throw new NotSupportedException();
            int sent = Socket.Send(buffer, offset, count, SocketFlags.None);
            count -= sent;
            offset += sent;
            if (sent == 0 && count > 0)
            {
                Thread.Sleep(100);
                retries--;
            }
            else retries = 5;
        } while (retries != 0 && count > 0);
        if (count != 0) throw new IOException();
    }

    public int Read(byte[] buffer) => Read(buffer, 0, buffer.Length);
    public void Write(byte[] buffer) => Write(buffer, 0, buffer.Length);

    public void Close() => Dispose();

    /// <summary>NetworkStream.cs#L232-L249: closes the socket only when the stream owns it.</summary>
    public virtual void Dispose()
    {
        if (Disposed) return;
        Disposed = true;
        if (ownsSocket) Socket.Close();
    }

    private int ReceiveFrom(byte[] buffer, int offset, int count)
    {
        var target = new byte[count];
        int n = Socket.ReceiveFrom(target, ref remoteEndPoint);
        Array.Copy(target, 0, buffer, offset, n);
        return n;
    }

    private void ThrowIfUnusable()
    {
        if (Disposed) throw new ObjectDisposedException(nameof(FrameworkNetworkStream));
        if (Socket.Handle == -1) throw new IOException();
    }
}
