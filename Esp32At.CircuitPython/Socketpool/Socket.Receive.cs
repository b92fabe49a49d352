using System;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    // The receive path: recv/recv_into over the link, the socket's timeout in slices, end of stream.
    public partial class Socket
    {
        /// <summary>
        /// <c>recv_into(buffer, nbytes)</c>: reads up to <paramref name="nbytes"/> (0: the buffer's length) bytes and
        /// returns the count; 0 means the peer closed and everything was read (end of stream).
        /// </summary>
        /// <exception cref="OSError">EAGAIN (timeout 0, nothing there), ETIMEDOUT (timeout ran out), ENOTCONN, ECONNRESET, EBADF.</exception>
        public int RecvInto(byte[] buffer, int nbytes = 0)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (nbytes < 0 || nbytes > buffer.Length) throw new ArgumentOutOfRangeException("nbytes", "bufsize must be 0 to len(buffer)");
            if (nbytes == 0) nbytes = buffer.Length;
            return ReceiveInto(buffer, 0, nbytes);
        }

        /// <summary><c>recv(bufsize)</c>: up to <paramref name="bufsize"/> bytes as a new array (empty at end of stream).</summary>
        public byte[] Recv(int bufsize)
        {
            if (bufsize < 0) throw new ArgumentOutOfRangeException("bufsize", "negative buffersize in recv");
            var buffer = new byte[bufsize];
            int n = bufsize == 0 ? 0 : ReceiveInto(buffer, 0, bufsize);
            if (n == bufsize) return buffer;
            var result = new byte[n];
            Array.Copy(buffer, result, n);
            return result;
        }

        /// <summary>
        /// The receive loop under every recv call: honours the timeout, turns the end of stream into 0 and releases
        /// the link then (the table freed it), and sees a close from another thread within a slice.
        /// </summary>
        internal int ReceiveInto(byte[] buffer, int offset, int count)
        {
            bool pt;
            lock (Sync) pt = Pt != null;
            if (pt) return PassthroughReceive(buffer, offset, count);
            int link;
            int timeoutMs;
            lock (Sync)
            {
                CheckUsable();
                if (Eof) return 0;
                if (Listening) throw new OSError(Errno.ENOTCONN, "recv on a listening socket: use Accept");
                if (LinkId < 0) throw new OSError(Errno.ENOTCONN, "recv: the socket is not connected");
                link = LinkId;
                timeoutMs = TimeoutMs;
            }
            if (count == 0) return 0;
            var deadline = Deadline.After(timeoutMs);
            while (true)
            {
                int n;
                bool received;
                try
                {
                    received = Resources.Table.TryReceive(link, buffer, offset, count, deadline.Slice(BlockSliceMs), out n);
                }
                catch (InvalidOperationException e)
                {
                    lock (Sync)
                    {
                        if (Closed) throw new OSError(Errno.EBADF, "recv: the socket was closed", e);
                    }
                    throw new OSError(Errno.ENOTCONN, "recv: " + e.Message, e);
                }
                catch (Exception e)
                {
                    throw SocketErrors.From(e, Errno.ECONNRESET, "recv on link " + link);
                }
                if (!received)
                {
                    lock (Sync)
                    {
                        if (Closed) throw new OSError(Errno.EBADF, "recv: the socket was closed");
                    }
                    if (timeoutMs == 0) throw new OSError(Errno.EAGAIN, "recv: no data yet (non-blocking socket)");
                    if (deadline.Passed) throw new OSError(Errno.ETIMEDOUT, "recv: no data within " + timeoutMs + " ms");
                    continue;
                }
                lock (Sync)
                {
                    // CIPCLOSE from another thread makes the ESP report CLOSED, which reads as an end of stream here.
                    if (Closed) throw new OSError(Errno.EBADF, "recv: the socket was closed");
                    Used = true;
                    if (n == 0 && LinkId == link)
                    {
                        // The table freed the link at end of stream: forget its id before anyone else gets it.
                        Eof = true;
                        LinkId = -1;
                    }
                }
                return n;
            }
        }

    }
}
