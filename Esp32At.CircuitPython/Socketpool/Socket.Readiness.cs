using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    // What SocketPool.Select asks of a socket; answered from the connection table without AT traffic.
    public partial class Socket
    {
        /// <summary>A read (or accept) would not block: data, end of stream, a reset, a waiting client, or closed (the call raises).</summary>
        internal bool IsReadable()
        {
            int link;
            lock (Sync)
            {
                if (Closed || Detached || Eof) return true;
                if (Listening) return Resources.Table.AcceptPending;
                link = LinkId;
            }
            if (link < 0) return false;
            return Resources.Table.Available(link) > 0 || Resources.Table.StateOf(link) != LinkState.Open;
        }

        /// <summary>A send would not block: connected, or a datagram socket (sendto opens its link).</summary>
        internal bool IsWritable()
        {
            int link;
            lock (Sync)
            {
                if (Closed || Detached || Listening) return false;
                if (type == SocketPool.SOCK_DGRAM && LinkId < 0) return true;
                link = LinkId;
            }
            return link >= 0 && Resources.Table.StateOf(link) == LinkState.Open;
        }

        /// <summary>The link was reset under the socket.</summary>
        internal bool IsReset()
        {
            int link = Link;
            return link >= 0 && Resources.Table.StateOf(link) == LinkState.Reset;
        }
    }
}
