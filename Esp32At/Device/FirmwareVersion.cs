using System;
using Esp32At.Engine;

namespace Esp32At.Device
{
    /// <summary>The ESP-AT version from <c>AT+GMR</c> (<c>AT version:X.Y.Z.W(commit - CHIP - date)</c>).</summary>
    public sealed class FirmwareVersion
    {
        private FirmwareVersion(int major, int minor, int patch, int build, string chip, string text)
        {
            Major = major;
            Minor = minor;
            Patch = patch;
            Build = build;
            Chip = chip;
            Text = text;
        }

        /// <summary>First version number (e.g. 4 in 4.1.1.0).</summary>
        public int Major { get; private set; }
        /// <summary>Second version number.</summary>
        public int Minor { get; private set; }
        /// <summary>Third version number.</summary>
        public int Patch { get; private set; }
        /// <summary>Fourth version number.</summary>
        public int Build { get; private set; }
        /// <summary>The chip as GMR prints it (ESP32C3, ESP32C6, ...), or an empty string.</summary>
        public string Chip { get; private set; }
        /// <summary>The line of <c>AT+GMR</c>'s answer that carries the version.</summary>
        public const string AtVersionPrefix = "AT version:";

        /// <summary>The whole <c>AT version:</c> text.</summary>
        public string Text { get; private set; }

        /// <summary>True when this version is <paramref name="major"/>.<paramref name="minor"/> or later.</summary>
        public bool AtLeast(int major, int minor)
        {
            return Major > major || (Major == major && Minor >= minor);
        }

        /// <summary>Parses the information lines of <c>AT+GMR</c>.</summary>
        /// <exception cref="FormatException">No <c>AT version:</c> line with four numbers.</exception>
        public static FirmwareVersion Parse(AtResponse gmr)
        {
            var text = gmr.Find(AtVersionPrefix);
            if (text == null) throw new FormatException("AT+GMR answer has no 'AT version:' line");
            var numbers = new int[4];
            int i = 0;
            for (int n = 0; n < 4; n++)
            {
                int start = i;
                int value = 0;
                while (i < text.Length && text[i] >= '0' && text[i] <= '9') value = value * 10 + (text[i++] - '0');
                if (i == start || (n < 3 && (i >= text.Length || text[i] != '.'))) throw new FormatException("unrecognised ESP-AT version: " + text);
                numbers[n] = value;
                i++;
            }
            string chip = "";
            int open = text.IndexOf('(');
            if (open >= 0)
            {
                var parts = text.Substring(open + 1).Split('-');
                if (parts.Length >= 2) chip = parts[1].Trim();
            }
            return new FirmwareVersion(numbers[0], numbers[1], numbers[2], numbers[3], chip, text);
        }

        /// <summary>e.g. <c>4.1.1.0 (ESP32C3)</c>.</summary>
        public override string ToString()
        {
            return Major + "." + Minor + "." + Patch + "." + Build + (Chip.Length > 0 ? " (" + Chip + ")" : "");
        }
    }
}
