using System;

namespace Esp32At.Engine
{
    /// <summary>
    /// Fixed-capacity byte FIFO between the UART and the parser, allocated once. It never overwrites unread bytes:
    /// when it is full the reader stops taking bytes from the transport (which then back-pressures the ESP).
    /// </summary>
    public sealed class RingBuffer
    {
        private readonly byte[] data;
        private int head;   // index of the oldest unread byte
        private int count;

        /// <summary>Creates a ring of <paramref name="capacity"/> bytes.</summary>
        public RingBuffer(int capacity)
        {
            if (capacity < 16) throw new ArgumentOutOfRangeException("capacity", "ring buffer capacity must be at least 16 bytes");
            data = new byte[capacity];
        }

        /// <summary>Total size in bytes.</summary>
        public int Capacity { get { return data.Length; } }

        /// <summary>Unread bytes.</summary>
        public int Count { get { return count; } }

        /// <summary>Room left for new bytes.</summary>
        public int Free { get { return data.Length - count; } }

        /// <summary>The largest <see cref="Count"/> ever reached (for benchmarks and soak reports).</summary>
        public int HighWaterMark { get; private set; }

        /// <summary>Appends up to <paramref name="length"/> bytes; returns how many fitted (never overwrites unread bytes).</summary>
        public int Write(byte[] source, int offset, int length)
        {
            int n = length < Free ? length : Free;
            int tail = (head + count) % data.Length;
            int first = n < data.Length - tail ? n : data.Length - tail;
            Array.Copy(source, offset, data, tail, first);
            if (n > first) Array.Copy(source, offset + first, data, 0, n - first);
            count += n;
            if (count > HighWaterMark) HighWaterMark = count;
            return n;
        }

        /// <summary>
        /// The largest contiguous free region at the tail, so a transport can read straight into the ring:
        /// read into <see cref="Storage"/> at <paramref name="offset"/>, then call <see cref="Commit"/>.
        /// </summary>
        public int GetWriteSegment(out int offset)
        {
            int tail = (head + count) % data.Length;
            offset = tail;
            int toEnd = data.Length - tail;
            return Free < toEnd ? Free : toEnd;
        }

        /// <summary>The ring's storage, for <see cref="GetWriteSegment"/> and <see cref="GetReadSegment"/>.</summary>
        public byte[] Storage { get { return data; } }

        /// <summary>Marks <paramref name="length"/> bytes written into the segment from <see cref="GetWriteSegment"/>.</summary>
        public void Commit(int length)
        {
            if (length < 0 || length > Free) throw new ArgumentOutOfRangeException("length");
            count += length;
            if (count > HighWaterMark) HighWaterMark = count;
        }

        /// <summary>The contiguous unread region starting at the oldest byte.</summary>
        public int GetReadSegment(out int offset)
        {
            offset = head;
            int toEnd = data.Length - head;
            return count < toEnd ? count : toEnd;
        }

        /// <summary>Drops <paramref name="length"/> unread bytes (after they were consumed in place).</summary>
        public void Skip(int length)
        {
            if (length < 0 || length > count) throw new ArgumentOutOfRangeException("length");
            head = (head + length) % data.Length;
            count -= length;
            if (count == 0) head = 0;
        }

        /// <summary>Copies up to <paramref name="length"/> unread bytes out and removes them; returns how many.</summary>
        public int Read(byte[] destination, int offset, int length)
        {
            int n = CopyOut(destination, offset, length);
            Skip(n);
            return n;
        }

        /// <summary>
        /// Like <see cref="Read"/>, but the read position never jumps back to 0 when the ring empties, so a writer on
        /// another thread that holds a segment from <see cref="GetWriteSegment"/> stays valid (callers serialise the
        /// calls themselves; passthrough reads the ring this way while the pump fills it).
        /// </summary>
        public int ReadShared(byte[] destination, int offset, int length)
        {
            int n = CopyOut(destination, offset, length);
            head = (head + n) % data.Length;
            count -= n;
            return n;
        }

        // Copies up to length unread bytes (at most two Array.Copy calls, across the wrap) without consuming them.
        private int CopyOut(byte[] destination, int offset, int length)
        {
            int n = length < count ? length : count;
            int first = n < data.Length - head ? n : data.Length - head;
            Array.Copy(data, head, destination, offset, first);
            if (n > first) Array.Copy(data, 0, destination, offset + first, n - first);
            return n;
        }

        /// <summary>The unread byte at <paramref name="index"/> (0 = oldest).</summary>
        public byte this[int index]
        {
            get
            {
                if (index < 0 || index >= count) throw new ArgumentOutOfRangeException("index");
                return data[(head + index) % data.Length];
            }
        }

        /// <summary>Discards everything unread.</summary>
        public void Clear()
        {
            head = 0;
            count = 0;
        }
    }
}
