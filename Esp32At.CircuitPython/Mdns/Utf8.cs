using System;
using System.Text;

namespace Esp32At.CircuitPython.Mdns
{
    /// <summary>UTF-8 text from a received packet: a decoder that meets invalid bytes gives null instead of throwing.</summary>
    internal static class Utf8
    {
        /// <summary>The text of <paramref name="count"/> bytes at <paramref name="start"/>, or null when they are not UTF-8.</summary>
        public static string Decode(byte[] bytes, int start, int count)
        {
            if (count == 0) return "";
            try
            {
                return new string(Encoding.UTF8.GetChars(bytes, start, count));
            }
            catch (Exception)
            {
                // TinyCLR's decoder throws on some invalid sequences where the desktop one substitutes: both are garbage here.
                return null;
            }
        }
    }
}
