using System;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    // The send path: send/sendall, and what a failed send means for the socket (EPIPE, ENOTCONN, EBADF, ECONNRESET).
    public partial class Socket
    {
        /// <summary>
        /// <c>send(bytes)</c>: sends all of <paramref name="data"/> (the ESP takes it in firmware-sized chunks) and
        /// returns its length.
        /// </summary>
        public int Send(byte[] data)
        {
            if (data == null) throw new ArgumentNullException("data");
            return Send(data, 0, data.Length);
        }

        /// <summary>Sends <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>; returns <paramref name="count"/>.</summary>
        /// <exception cref="OSError">ENOTCONN, EPIPE (the peer closed), ECONNRESET (SEND FAIL or the ESP rebooted).</exception>
        public int Send(byte[] data, int offset, int count)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length || count > data.Length - offset)
                throw new ArgumentOutOfRangeException("count", "offset/count outside the buffer");
            bool pt;
            lock (Sync) pt = Pt != null;
            if (pt) return count == 0 ? 0 : PassthroughSend(data, offset, count);
            int link = ConnectedLink("send");
            if (count == 0) return 0;
            try
            {
                Resources.Table.Send(link, data, offset, count);
            }
            catch (Exception e)
            {
                throw SendFailure(link, e);
            }
            lock (Sync) Used = true;
            return count;
        }

        /// <summary><c>sendall(bytes)</c>: sends every byte of <paramref name="data"/>, however large.</summary>
        public void SendAll(byte[] data)
        {
            Send(data);
        }

        /// <summary>Sends every byte of the given range.</summary>
        public void SendAll(byte[] data, int offset, int count)
        {
            Send(data, offset, count);
        }

        /// <summary>The link to send on, or the OSError that says why there is none.</summary>
        private int ConnectedLink(string what)
        {
            lock (Sync)
            {
                CheckUsable();
                if (LinkId >= 0) return LinkId;
                if (Eof) throw new OSError(Errno.EPIPE, what + ": the peer closed the connection");
                throw new OSError(Errno.ENOTCONN, what + ": the socket is not connected");
            }
        }

        internal OSError SendFailure(int link, Exception e)
        {
            if (e is InvalidOperationException && !(e is OSError))
            {
                // The link is no longer open: the peer closed it (CLOSED), or Close ran on another thread.
                lock (Sync)
                {
                    if (Closed) return new OSError(Errno.EBADF, "send: the socket was closed", e);
                }
                if (Resources.Table.StateOf(link) == LinkState.RemoteClosed)
                    return new OSError(Errno.EPIPE, "send: the peer closed the connection", e);
                return new OSError(Errno.ENOTCONN, "send: " + e.Message, e);
            }
            return SocketErrors.From(e, Errno.ECONNRESET, "send on link " + link);
        }
    }
}
