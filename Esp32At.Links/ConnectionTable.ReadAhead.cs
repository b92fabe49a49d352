using System;

namespace Esp32At.Links
{
    // Read-ahead for passive TCP/TLS receive: one staging buffer shared by all links (device RAM is scarce), filled by
    // one AT+CIPRECVDATA of up to its size when a read asks for less than one exchange may bring, and drained by later reads.
    public sealed partial class ConnectionTable
    {
        private byte[] staging;
        // Which link (and which owner of the id) the staged bytes belong to; guarded by gate, changed only while
        // receiveLock is also held (except ReleaseLocked, which only drops them).
        private int stagedLink = -1;
        private int stagedGeneration;
        private int stagedOffset;
        private int stagedCount;

        /// <summary>
        /// Allocates the staging buffer when <paramref name="link"/> (of <paramref name="kind"/>) is the first passive
        /// TCP/TLS link, at its open or accept and never inside a read, so steady-state reads allocate nothing.
        /// </summary>
        private void AllocateStagingLocked(Link link, LinkKind kind)
        {
            int size = device.Options.ReadAheadBytes;
            if (staging == null && size > 0 && !link.ActiveMode && kind != LinkKind.Udp) staging = new byte[size];
        }

        /// <summary>Bytes read ahead for <paramref name="link"/> and not yet handed out (call with gate held).</summary>
        private int StagedLocked(Link link)
        {
            return stagedLink == link.Id && stagedGeneration == link.Generation ? stagedCount : 0;
        }

        /// <summary>Drops what is staged for <paramref name="link"/> (call with gate held): closed, reset or handed on.</summary>
        private void DropStagedLocked(Link link)
        {
            if (stagedLink == link.Id) stagedCount = 0;
        }

        /// <summary>
        /// Copies staged bytes of <paramref name="link"/> out; 0 when none are staged for it (call with gate held: the
        /// staged bytes are written only while none are counted, so gate alone keeps the copy whole).
        /// </summary>
        private int TakeStagedLocked(Link link, byte[] buffer, int offset, int count)
        {
            int n = StagedLocked(link);
            if (n == 0) return 0;
            if (n > count) n = count;
            Array.Copy(staging, stagedOffset, buffer, offset, n);
            stagedOffset += n;
            stagedCount -= n;
            return n;
        }

        /// <summary>
        /// When <paramref name="count"/> is less than one exchange could fetch into the staging buffer
        /// (<see cref="AskFor"/>: up to a receive window, even above the <paramref name="available"/> bytes announced)
        /// and that buffer is free, fetches into it and returns what of it fits the caller's buffer;
        /// -1 when read-ahead does not apply (the caller reads straight into its buffer). Never allocates: the buffer
        /// comes with the first passive TCP/TLS link (<see cref="AllocateStagingLocked"/>).
        /// </summary>
        private int ReadAhead(Link link, byte[] buffer, int offset, int count, int available)
        {
            byte[] stage = staging;
            if (link.Kind == LinkKind.Udp) return -1; // datagrams keep their bounds
            if (stage == null) return -1;
            int ask = AskFor(link, stage.Length, available);
            if (count >= ask) return -1; // the caller's buffer takes as much as the staging buffer would
            lock (receiveLock)
            {
                int generation;
                lock (gate)
                {
                    if (stagedCount > 0) return -1; // another link's bytes are staged: no read-ahead for this one now
                    generation = link.Generation;
                }
                int fetched = ReadUpTo(link, stage, 0, ask, available);
                if (fetched == 0) return 0;
                lock (gate)
                {
                    // Closed or handed to a new owner while the answer came: the bytes were the old owner's.
                    if (link.Generation != generation || link.State == LinkState.Free) return 0;
                    stagedLink = link.Id;
                    stagedGeneration = generation;
                    stagedOffset = 0;
                    stagedCount = fetched;
                    return TakeStagedLocked(link, buffer, offset, count);
                }
            }
        }
    }
}
