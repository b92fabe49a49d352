using System;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    // The seed's passthrough policies on a socket: with PT_AUTO or PT_MANUAL connect opens the one link of
    // UART-Wi-Fi passthrough (PassthroughLink); send/recv then move raw bytes, close leaves and restores normal mode.
    public partial class Socket
    {
        /// <summary>The passthrough link of this socket (connect under PT_AUTO/PT_MANUAL), or null. Guarded by Sync.</summary>
        internal PassthroughLink Pt;

        /// <summary>True when this socket's connection is the passthrough link (the seed's <c>stream</c> exists then).</summary>
        public bool IsPassthrough
        {
            get { lock (Sync) return Pt != null; }
        }

        /// <summary>Opens the link in passthrough for connect (callers hold Sync); PT_AUTO enters at once.</summary>
        private void OpenPassthrough(string host, int port, int timeoutMs)
        {
            var kind = type == SocketPool.SOCK_DGRAM ? LinkKind.Udp : Tls != null ? LinkKind.Ssl : LinkKind.Tcp;
            if (!Resources.Passthrough.Claim(this)) throw new OSError(Errno.EMFILE, "connect: passthrough carries one link, and another socket has it");
            try
            {
                TlsSettings tls = null;
                if (Tls != null) tls = Tls.PassthroughSettings(this, host);
                Pt = PassthroughLink.Open(Resources.Device, kind, host, port, timeoutMs, Resources.Passthrough.Policy == PassthroughState.Auto, tls);
            }
            catch (Exception e)
            {
                Resources.Passthrough.Release(this);
                if (e is OSError) throw;
                throw SocketErrors.From(e, Errno.ECONNREFUSED, "connect to " + host + ":" + port + " in passthrough (no other link or server may be open)");
            }
        }

        /// <summary>The passthrough link to move bytes on, or the OSError that says why not.</summary>
        private PassthroughLink ActivePassthrough(string what)
        {
            var pt = Pt;
            if (!pt.IsOpen) throw new OSError(Errno.ECONNRESET, what + ": the ESP rebooted during passthrough; the link is gone");
            if (!pt.Active) throw new OSError(Errno.ENOTCONN, what + ": passthrough is not active (PT_MANUAL: set Esp32AtModule.Passthrough = true)");
            return pt;
        }

        /// <summary>True while the UART is a raw pipe to this socket's link.</summary>
        internal bool PassthroughActive
        {
            get
            {
                lock (Sync) return Pt != null && Pt.Active;
            }
        }

        /// <summary>The seed's <c>passthrough = True/False</c> for this socket's link (<c>AT+CIPSEND</c> / <c>+++</c>).</summary>
        internal void SetPassthrough(bool on)
        {
            PassthroughLink pt;
            lock (Sync)
            {
                CheckUsable();
                pt = Pt;
                if (pt == null) throw new InvalidOperationException("the socket is not connected in passthrough");
                if (!pt.IsOpen) throw new OSError(Errno.ECONNRESET, "the ESP rebooted during passthrough; the link is gone");
            }
            try
            {
                if (on) pt.Resume();
                else pt.Leave();
            }
            catch (AtCommandException e)
            {
                throw new InvalidOperationException((on ? "could not enter" : "could not leave") + " passthrough-mode: " + e.Message);
            }
        }

        private int PassthroughSend(byte[] data, int offset, int count)
        {
            PassthroughLink pt;
            lock (Sync)
            {
                CheckUsable();
                pt = ActivePassthrough("send");
            }
            try
            {
                pt.Write(data, offset, count);
            }
            catch (Exception e)
            {
                throw PassthroughFailure("send", e);
            }
            return count;
        }

        /// <summary>recv in passthrough: raw bytes as they came; a peer close is not reported by the firmware (timeouts only).</summary>
        private int PassthroughReceive(byte[] buffer, int offset, int count)
        {
            PassthroughLink pt;
            int timeoutMs;
            lock (Sync)
            {
                CheckUsable();
                pt = ActivePassthrough("recv");
                timeoutMs = TimeoutMs;
            }
            if (count == 0) return 0;
            var deadline = Deadline.After(timeoutMs);
            while (true)
            {
                int n;
                try
                {
                    n = pt.Read(buffer, offset, count, deadline.Slice(BlockSliceMs));
                }
                catch (Exception e)
                {
                    throw PassthroughFailure("recv", e);
                }
                if (n > 0) return n;
                lock (Sync)
                {
                    if (Closed) throw new OSError(Errno.EBADF, "recv: the socket was closed");
                }
                if (timeoutMs == 0) throw new OSError(Errno.EAGAIN, "recv: no data yet (non-blocking socket)");
                if (deadline.Passed) throw new OSError(Errno.ETIMEDOUT, "recv: no data within " + timeoutMs + " ms (passthrough: a peer close is silent)");
            }
        }

        private OSError PassthroughFailure(string what, Exception e)
        {
            lock (Sync)
            {
                if (Closed) return new OSError(Errno.EBADF, what + ": the socket was closed", e);
            }
            if (e is AtRebootedException) return new OSError(Errno.ECONNRESET, what + ": the ESP rebooted during passthrough; the link is gone and the command channel works again", e);
            if (e is InvalidOperationException) return new OSError(Errno.ENOTCONN, what + ": " + e.Message, e);
            return SocketErrors.From(e, Errno.ECONNRESET, what + " in passthrough");
        }

        /// <summary>close in passthrough: <c>+++</c>, <c>AT+CIPMODE=0</c>, <c>AT+CIPCLOSE</c>, <c>AT+CIPMUX=1</c>.</summary>
        private void ClosePassthrough(PassthroughLink pt)
        {
            try
            {
                pt.Close();
            }
            finally
            {
                Resources.Passthrough.Release(this);
            }
        }
    }
}
