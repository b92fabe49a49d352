using System;

namespace Esp32At.Links
{
    // Opt-in active receive for TCP/TLS links (Esp32AtOptions.ActiveTcpReceive): +IPD frames are consumed by length on
    // the pump thread into the link's StreamBuffer, and reads are served from it without a UART round trip. When the
    // buffer is full the pump waits for the reader, so it stops reading the UART and RTS/CTS holds the ESP: nothing is
    // dropped here. A link that let go (closed, reset, handed on) discards what still comes for it.
    public sealed partial class ConnectionTable
    {
        private const int RoomWaitMs = 100;
        private bool activeStream;      // the frame being consumed is a stream link's (pump thread only)
        private int activeGeneration;   // ... and belongs to this owner of the id

        // Pump thread, gate held: a stream frame begins (also before CIPSTART's OK was handled: server-first data).
        private void BeginStreamFrameLocked(Link link, uint address, int port)
        {
            activeStream = false;
            if (link.Stream == null || !WantsStreamLocked(link, link.Generation)) return;
            activeStream = true;
            activeGeneration = link.Generation;
            activeFrameLink = link.Id;
            link.RemoteAddress = address;
            link.RemotePort = port;
        }

        private bool WantsStreamLocked(Link link, int generation)
        {
            if (link.Generation != generation || link.Closing || link.AcceptPending) return false;
            return link.State == LinkState.Open || link.State == LinkState.Connecting || link.State == LinkState.RemoteClosed;
        }

        // Pump thread: payload of the current stream frame. Waits (in slices) while the buffer is full.
        private void AppendStream(Link link, byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int n;
                lock (gate)
                {
                    if (!WantsStreamLocked(link, activeGeneration))
                    {
                        activeFrameLink = -1; // the owner let go: the rest of this frame is discarded
                        return;
                    }
                    n = link.Stream.Put(buffer, offset, count);
                    if (n > 0)
                    {
                        link.Available = link.Stream.Count;
                        link.Notices++;
                        link.HeardTicks = DateTime.UtcNow.Ticks;
                    }
                }
                offset += n;
                count -= n;
                if (n > 0) link.Changed.Set();
                if (count > 0)
                {
                    if (!executor.IsRunning) return; // disposing: the pump must not hang here
                    link.Room.WaitOne(RoomWaitMs, false);
                    executor.CheckReceiveErrors(); // the UART may overflow while the pump waits here (no RTS/CTS)
                }
            }
        }

        // Reads what the link's buffer holds (-1: nothing within the timeout, 0: end of stream, then the link is freed).
        private int ReceiveStream(Link link, byte[] buffer, int offset, int count, int timeoutMs)
        {
            long deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                int n;
                lock (gate)
                {
                    if (link.State == LinkState.Reset) throw new LinkResetException(link.Id, link.ResetReason);
                    if (link.State == LinkState.Free) throw new InvalidOperationException("link " + link.Id + " is not open");
                    n = link.Stream.Take(buffer, offset, count);
                    link.Available = link.Stream.Count;
                    if (n == 0 && link.State == LinkState.RemoteClosed)
                    {
                        ReleaseLocked(link);
                        return 0;
                    }
                }
                if (n > 0)
                {
                    link.Room.Set();
                    return n;
                }
                long left = (deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
                if (left <= 0) return -1;
                link.Changed.WaitOne((int)left, false);
            }
        }
    }
}
