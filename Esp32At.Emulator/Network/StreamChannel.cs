using System.Net;
using System.Net.Sockets;

namespace Esp32At.Emulator.Network;

/// <summary>A TCP connection, read and written plain (<see cref="NetworkStream"/>) or through TLS (<see cref="System.Net.Security.SslStream"/>).</summary>
public sealed class StreamChannel(Socket socket, Stream stream, IPEndPoint remote) : LinkChannel
{
    public override bool IsDatagram => false;
    public override int HostLocalPort => ((IPEndPoint)socket.LocalEndPoint!).Port;
    public Stream Stream => stream;

    public override void Send(byte[] data, int offset, int count, IPEndPoint to)
    {
        stream.Write(data, offset, count);
        stream.Flush();
    }

    public override int Receive(byte[] buffer, int count, out IPEndPoint from)
    {
        from = remote;
        return stream.Read(buffer, 0, count);
    }

    public override void Dispose()
    {
        try { socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        try { stream.Dispose(); } catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException) { }
        socket.Dispose();
    }
}
