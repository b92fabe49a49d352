using System;

namespace Esp32At.Links
{
    /// <summary>
    /// Received bytes of one actively receiving TCP/TLS link, in order, in a byte ring allocated once. Filled on the
    /// pump thread from <c>+IPD</c> frames, drained by the owner's reads; payload moves by <c>Array.Copy</c> only.
    /// It never drops: when it is full the pump waits for room (and so stops reading the UART). The connection
    /// table's lock guards it.
    /// </summary>
    internal sealed class StreamBuffer
    {
        private readonly byte[] ring;
        private int head; // next byte to read

        public StreamBuffer(int capacity)
        {
            ring = new byte[capacity];
        }

        /// <summary>Bytes waiting.</summary>
        public int Count { get; private set; }

        /// <summary>Room left.</summary>
        public int Free { get { return ring.Length - Count; } }

        /// <summary>Appends up to <paramref name="count"/> bytes; returns how many fitted.</summary>
        public int Put(byte[] source, int offset, int count)
        {
            int n = count < Free ? count : Free;
            int tail = (head + Count) % ring.Length;
            int first = n < ring.Length - tail ? n : ring.Length - tail;
            Array.Copy(source, offset, ring, tail, first);
            if (n > first) Array.Copy(source, offset + first, ring, 0, n - first);
            Count += n;
            return n;
        }

        /// <summary>Copies up to <paramref name="count"/> bytes out and removes them; returns how many.</summary>
        public int Take(byte[] destination, int offset, int count)
        {
            int n = count < Count ? count : Count;
            int first = n < ring.Length - head ? n : ring.Length - head;
            Array.Copy(ring, head, destination, offset, first);
            if (n > first) Array.Copy(ring, 0, destination, offset + first, n - first);
            head = (head + n) % ring.Length;
            Count -= n;
            if (Count == 0) head = 0;
            return n;
        }

        /// <summary>Forgets everything (the link closed, was reset, or the ESP rebooted).</summary>
        public void Clear()
        {
            head = 0;
            Count = 0;
        }
    }
}
