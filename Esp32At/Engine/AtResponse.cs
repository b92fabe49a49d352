using System.Collections;

namespace Esp32At.Engine
{
    /// <summary>The information lines a command produced (not URCs), and its error detail. Reusable.</summary>
    public sealed class AtResponse
    {
        private readonly ArrayList lines = new ArrayList();

        /// <summary>Number of information lines.</summary>
        public int LineCount { get { return lines.Count; } }

        /// <summary>Information line <paramref name="index"/>, without its CR LF.</summary>
        public string GetLine(int index) { return (string)lines[index]; }

        /// <summary>The error detail the ESP printed (<c>ERR CODE:...</c> or <c>+ERRNO:...</c>), or null.</summary>
        public string ErrorDetail { get; internal set; }

        /// <summary>
        /// The text after <paramref name="prefix"/> (e.g. <c>"+CWMODE:"</c>) of the first line that starts with it, or null.
        /// </summary>
        public string Find(string prefix)
        {
            for (int i = 0; i < lines.Count; i++)
            {
                var line = (string)lines[i];
                if (line.Length >= prefix.Length && string.Compare(line.Substring(0, prefix.Length), prefix) == 0)
                    return line.Substring(prefix.Length);
            }
            return null;
        }

        /// <summary>Forgets all lines.</summary>
        public void Clear()
        {
            lines.Clear();
            ErrorDetail = null;
        }

        internal void Add(string line) { lines.Add(line); }
    }
}
