using System.Net;
using System.Net.Sockets;

namespace Esp32At.Emulator.Network;

/// <summary>
/// A bound UDP socket; datagrams come from anyone, each send names its destination. Datagrams from the simulated LAN
/// (mDNS answers, multicast) are injected and read before the socket's.
/// </summary>
public sealed class UdpChannel(Socket socket) : LinkChannel
{
    private readonly Queue<(byte[] Data, IPEndPoint From)> injected = new();

    public override bool IsDatagram => true;
    public override int HostLocalPort => ((IPEndPoint)socket.LocalEndPoint!).Port;

    public override void Send(byte[] data, int offset, int count, IPEndPoint to) => socket.SendTo(data, offset, count, SocketFlags.None, to);

    /// <summary>A datagram from the simulated LAN, as if it had come from <paramref name="from"/>.</summary>
    public void Inject(byte[] data, IPEndPoint from)
    {
        lock (injected) injected.Enqueue((data, from));
    }

    public override int Receive(byte[] buffer, int count, out IPEndPoint from)
    {
        while (true)
        {
            lock (injected)
            {
                if (injected.TryDequeue(out var datagram))
                {
                    int n = Math.Min(count, datagram.Data.Length);
                    Array.Copy(datagram.Data, buffer, n);
                    from = datagram.From;
                    return n;
                }
            }
            if (socket.Poll(20_000, SelectMode.SelectRead)) break; // short polls so injected datagrams are seen soon
        }
        EndPoint sender = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        int received = socket.ReceiveFrom(buffer, 0, count, SocketFlags.None, ref sender);
        from = (IPEndPoint)sender;
        return received;
    }

    public override void Dispose() => socket.Dispose();
}
