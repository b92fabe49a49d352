using System.Net;
using System.Net.Sockets;

namespace Esp32At.Emulator.Network;

/// <summary>A bound UDP socket; datagrams come from anyone, each send names its destination.</summary>
public sealed class UdpChannel(Socket socket) : LinkChannel
{
    public override bool IsDatagram => true;
    public override int HostLocalPort => ((IPEndPoint)socket.LocalEndPoint!).Port;

    public override void Send(byte[] data, int offset, int count, IPEndPoint to) => socket.SendTo(data, offset, count, SocketFlags.None, to);

    public override int Receive(byte[] buffer, int count, out IPEndPoint from)
    {
        EndPoint sender = new IPEndPoint(IPAddress.Any, 0);
        int n = socket.ReceiveFrom(buffer, 0, count, SocketFlags.None, ref sender);
        from = (IPEndPoint)sender;
        return n;
    }

    public override void Dispose() => socket.Dispose();
}
