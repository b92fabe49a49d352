using System;

namespace Esp32At.Engine
{
    /// <summary>
    /// A preallocated buffer an AT command line is composed in, without allocating: ASCII literals, integers and
    /// quoted string arguments with ESP-AT escaping. Not thread-safe: one per caller.
    /// </summary>
    public sealed class AtCommandBuffer
    {
        private readonly byte[] data;

        /// <summary>Creates a buffer for command lines of up to <paramref name="capacity"/> bytes (ESP-AT accepts 256).</summary>
        public AtCommandBuffer(int capacity)
        {
            data = new byte[capacity];
        }

        /// <summary>Creates a 256-byte buffer, ESP-AT's maximum command length.</summary>
        public AtCommandBuffer() : this(256)
        {
        }

        /// <summary>The composed bytes (valid up to <see cref="Length"/>).</summary>
        public byte[] Data { get { return data; } }

        /// <summary>Bytes composed so far.</summary>
        public int Length { get; private set; }

        /// <summary>Starts a new command.</summary>
        public AtCommandBuffer Clear()
        {
            Length = 0;
            return this;
        }

        /// <summary>Appends an ASCII literal (command names, separators) as is.</summary>
        public AtCommandBuffer Append(string ascii)
        {
            for (int i = 0; i < ascii.Length; i++) Put(ascii[i]);
            return this;
        }

        /// <summary>Appends a decimal integer.</summary>
        public AtCommandBuffer Append(int value)
        {
            if (value < 0)
            {
                Put('-');
                if (value == int.MinValue) return Append("2147483648");
                value = -value;
            }
            int start = Length;
            do
            {
                Put((char)('0' + value % 10));
                value /= 10;
            }
            while (value > 0);
            for (int i = start, j = Length - 1; i < j; i++, j--)
            {
                byte t = data[i];
                data[i] = data[j];
                data[j] = t;
            }
            return this;
        }

        /// <summary>
        /// Appends <paramref name="value"/> as a double-quoted AT string argument (UTF-8), escaping <c>\</c>, <c>,</c> and
        /// <c>"</c> with a backslash as ESP-AT requires. CR, LF and NUL cannot be sent inside a command line and are rejected.
        /// </summary>
        /// <param name="value">The argument text.</param>
        /// <param name="argumentName">The caller's argument name, used in the exception.</param>
        public AtCommandBuffer AppendQuoted(string value, string argumentName)
        {
            if (value == null) throw new ArgumentNullException(argumentName);
            Put('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\r' || c == '\n' || c == '\0')
                    throw new ArgumentException(argumentName + " must not contain CR, LF or NUL characters", argumentName);
                if (c == '\\' || c == ',' || c == '"') Put('\\');
                if (c < 0x80) Put(c);
                else PutUtf8(value, ref i);
            }
            Put('"');
            return this;
        }

        /// <summary>Ends the command line with CR LF.</summary>
        public AtCommandBuffer AppendLineEnd()
        {
            Put('\r');
            Put('\n');
            return this;
        }

        /// <summary>The command text without its line end (allocates: for traces and error messages only).</summary>
        public override string ToString()
        {
            int n = Length;
            while (n > 0 && (data[n - 1] == '\r' || data[n - 1] == '\n')) n--;
            return new string(System.Text.Encoding.UTF8.GetChars(data, 0, n));
        }

        private void Put(char c)
        {
            if (Length >= data.Length) throw new ArgumentException("AT command longer than " + data.Length + " bytes");
            data[Length++] = (byte)c;
        }

        private void PutUtf8(string value, ref int i)
        {
            int chars = value[i] >= 0xD800 && value[i] <= 0xDBFF && i + 1 < value.Length ? 2 : 1;
            if (Length + 4 > data.Length) throw new ArgumentException("AT command longer than " + data.Length + " bytes");
            Length += System.Text.Encoding.UTF8.GetBytes(value, i, chars, data, Length);
            i += chars - 1;
        }
    }
}
