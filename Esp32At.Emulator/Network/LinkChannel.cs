using System.Net;

namespace Esp32At.Emulator.Network;

/// <summary>The real transport behind a link: a TCP or TLS stream, or a UDP socket.</summary>
public abstract class LinkChannel : IDisposable
{
    /// <summary>True for UDP: every receive is one datagram and the peer can change per datagram.</summary>
    public abstract bool IsDatagram { get; }

    /// <summary>The host port the real socket is bound to.</summary>
    public abstract int HostLocalPort { get; }

    /// <summary>Sends <paramref name="count"/> bytes to the peer (streams) or as one datagram to <paramref name="to"/>.</summary>
    public abstract void Send(byte[] data, int offset, int count, IPEndPoint to);

    /// <summary>
    /// Blocks for the next bytes (at most <paramref name="count"/>) or the next datagram; returns 0 when a stream ended.
    /// <paramref name="from"/> is the sender.
    /// </summary>
    public abstract int Receive(byte[] buffer, int count, out IPEndPoint from);

    public abstract void Dispose();
}
