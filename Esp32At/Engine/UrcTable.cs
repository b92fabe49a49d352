using System;
using System.Collections;

namespace Esp32At.Engine
{
    /// <summary>Handles one unsolicited line; <paramref name="line"/> is valid only during the call. Must not call the executor.</summary>
    public delegate void UrcHandler(byte[] line, int length);

    /// <summary>
    /// Unsolicited result codes by line prefix (Zephyr-style handler table). A prefix starting with <c>#</c> matches a
    /// decimal link id followed by the rest (e.g. <c>"#,CONNECT"</c> matches <c>3,CONNECT</c>).
    /// </summary>
    public sealed class UrcTable
    {
        private readonly ArrayList prefixes = new ArrayList();
        private readonly ArrayList handlers = new ArrayList();
        private readonly ArrayList exact = new ArrayList();

        /// <summary>Registers <paramref name="handler"/> for lines that start with <paramref name="prefix"/>.</summary>
        public void Register(string prefix, UrcHandler handler) { Add(prefix, handler, false); }

        /// <summary>Registers <paramref name="handler"/> for lines equal to <paramref name="line"/>.</summary>
        public void RegisterExact(string line, UrcHandler handler) { Add(line, handler, true); }

        private void Add(string prefix, UrcHandler handler, bool isExact)
        {
            if (prefix == null || prefix.Length == 0) throw new ArgumentException("URC prefix must not be empty", "prefix");
            if (handler == null) throw new ArgumentNullException("handler");
            lock (prefixes)
            {
                prefixes.Add(System.Text.Encoding.UTF8.GetBytes(prefix));
                handlers.Add(handler);
                exact.Add(isExact);
            }
        }

        /// <summary>Finds the handler for a line, or null when the line is not unsolicited.</summary>
        public UrcHandler Find(byte[] line, int length)
        {
            lock (prefixes)
            {
                for (int i = 0; i < prefixes.Count; i++)
                    if (Matches((byte[])prefixes[i], line, length, (bool)exact[i])) return (UrcHandler)handlers[i];
            }
            return null;
        }

        private static bool Matches(byte[] prefix, byte[] line, int length, bool isExact)
        {
            int li = 0;
            int pi = 0;
            if (prefix[0] == '#')
            {
                if (length == 0 || line[0] < '0' || line[0] > '9') return false;
                while (li < length && line[li] >= '0' && line[li] <= '9') li++;
                pi = 1;
            }
            for (; pi < prefix.Length; pi++, li++)
                if (li >= length || line[li] != prefix[pi]) return false;
            return !isExact || li == length;
        }
    }
}
