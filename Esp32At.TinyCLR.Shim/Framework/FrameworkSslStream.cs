using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace GHIElectronics.TinyCLR.Framework;

/// <summary>
/// TinyCLR 2.2.1.2000's <c>SslStream</c> call structure (<c>ghi-electronics/TinyCLR-Libraries@a9c94720:
/// GHIElectronics.TinyCLR.Networking/Security/SslStream.cs</c>, cited as <c>SslStream.cs#L..</c>): a NetworkStream that
/// does not own the socket, whose reads, writes, Length and Dispose use the TLS handle AuthenticateAs* returned.
/// </summary>
public sealed class FrameworkSslStream : FrameworkNetworkStream
{
    private int sslHandle = -1;

    /// <summary>SslStream.cs#L18-L28: the NetworkStream constructor's calls (RemoteEndPoint, GetOption Type); Stream only.</summary>
    public FrameworkSslStream(FrameworkSocket socket) : base(socket, false)
    {
        if (SocketType != (int)System.Net.Sockets.SocketType.Stream) throw new NotSupportedException();
    }

    public int SslHandle => sslHandle;

    /// <summary>
    /// SslStream.cs#L30-L38: every overload ends in one provider AuthenticateAsClient(socket handle, host, ca, client
    /// certificate, protocols, verification). The 1-, 2-, 3- and 4-argument overloads pass SslProtocols.None and
    /// SslVerification.Optional (the 4-argument one drops the caller's protocols: #L36).
    /// </summary>
    public void AuthenticateAsClient(string targetHost, X509Certificate caCertificate = null, X509Certificate clientCertificate = null,
        SslProtocols sslProtocols = SslProtocols.None, SslVerification sslVerification = SslVerification.Optional) =>
        sslHandle = Socket.Provider.AuthenticateAsClient(Socket.Handle, targetHost, caCertificate, clientCertificate, sslProtocols, sslVerification);

    /// <summary>SslStream.cs#L40: HttpListener passes its certificate and SslProtocols.None.</summary>
    public void AuthenticateAsServer(X509Certificate certificate, SslProtocols sslProtocols = SslProtocols.None) =>
        sslHandle = Socket.Provider.AuthenticateAsServer(Socket.Handle, certificate, sslProtocols);

    /// <summary>SslStream.cs#L44-L51: provider Available on the TLS handle.</summary>
    public override long Length => Disposed ? throw new ObjectDisposedException(nameof(FrameworkSslStream)) : Socket.Provider.Available(sslHandle);

    /// <summary>SslStream.cs#L53-L60.</summary>
    public override bool DataAvailable => Length > 0;

    /// <summary>
    /// SslStream.cs#L81-L120: SecureRead until non-zero: positive returned, negative ends with 0; 0 sleeps
    /// DelayBetweenReceive. Unlike Socket.Receive, a timeout returns 0 (no exception).
    /// </summary>
    public override int Read(byte[] buffer, int offset, int size)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (sslHandle == -1 || Disposed) throw new ObjectDisposedException(nameof(FrameworkSslStream));
        if (offset < 0 || offset > buffer.Length || size < 0 || size > buffer.Length - offset) throw new ArgumentOutOfRangeException(nameof(size));
        var expired = Socket.ReceiveTimeout == Timeout.Infinite ? DateTime.UtcNow + FrameworkSocket.HangGuard : DateTime.UtcNow.AddMilliseconds(Socket.ReceiveTimeout);
        int total = 0;
        while (DateTime.UtcNow < expired && total < size)
        {
            int read = Socket.Provider.SecureRead(sslHandle, buffer, offset + total, size - total);
            if (read < 0) break;
            if (read > 0)
            {
                total += read;
                break;
            }
            Thread.Sleep(Socket.DelayBetweenReceive);
        }
        return total;
    }

    /// <summary>
    /// SslStream.cs#L122-L173: SecureWrite of what is left; negative stops, positive resets the deadline; past it
    /// Exception("Socket error timeout."); short of the size: IOException.
    /// </summary>
    public override void Write(byte[] buffer, int offset, int size)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (sslHandle == -1 || Disposed) throw new ObjectDisposedException(nameof(FrameworkSslStream));
        if (offset < 0 || offset > buffer.Length || size < 0 || size > buffer.Length - offset) throw new ArgumentOutOfRangeException(nameof(size));
        DateTime Deadline() => Socket.SendTimeout == Timeout.Infinite ? DateTime.UtcNow + FrameworkSocket.HangGuard : DateTime.UtcNow.AddMilliseconds(Socket.SendTimeout);
        var expired = Deadline();
        int total = 0;
        while (DateTime.UtcNow < expired && total < size)
        {
            int sent = Socket.Provider.SecureWrite(sslHandle, buffer, offset + total, size - total);
            if (sent < 0) break;
            if (sent > 0) expired = Deadline();
            total += sent;
            if (total < size) Thread.Sleep(Socket.DelayBetweenSend);
        }
        if (DateTime.UtcNow > expired) throw new Exception("Socket error timeout.");
        if (total != size) throw new IOException();
    }

    /// <summary>SslStream.cs#L69-L79: closes the TLS handle only, never the socket (the base Dispose is not called).</summary>
    public override void Dispose()
    {
        if (Disposed) return;
        Disposed = true;
        if (sslHandle != -1)
        {
            Socket.Provider.Close(sslHandle);
            sslHandle = -1;
        }
    }
}
