using System.Collections;
using Esp32At.Engine;

namespace Esp32At.Device
{
    /// <summary>
    /// What the attached firmware can do, from its version and, where it answers it, <c>AT+CMD?</c>
    /// (spec §5: receive-mode command, link listing, CIPSENDL, send size, certificates, CIPSTART timeout).
    /// </summary>
    public sealed class Capabilities
    {
        private readonly Hashtable commands; // command name (e.g. "CIPRECVTYPE") -> true; null when AT+CMD? was not answered

        internal Capabilities(FirmwareVersion version, Hashtable commands)
        {
            Version = version;
            this.commands = commands;
        }

        /// <summary>The firmware version.</summary>
        public FirmwareVersion Version { get; private set; }

        /// <summary>True when the firmware lists <paramref name="name"/> (without <c>AT+</c>) in <c>AT+CMD?</c>, or, without that list, when its version has it.</summary>
        public bool Has(string name)
        {
            if (commands != null) return commands.Contains(name);
            return true;
        }

        /// <summary>Per-link receive mode (<c>AT+CIPRECVTYPE</c>, v3.3+); otherwise the global <c>AT+CIPRECVMODE</c>.</summary>
        public bool HasCipRecvType { get { return Version.AtLeast(3, 3) && Has("CIPRECVTYPE"); } }

        /// <summary><c>AT+CIPSTATE?</c> (v2.4+); otherwise <c>AT+CIPSTATUS</c>.</summary>
        public bool HasCipState { get { return Version.AtLeast(2, 4) && Has("CIPSTATE"); } }

        /// <summary><c>AT+CIPSENDL</c> for long sends (v2.4+).</summary>
        public bool HasCipSendL { get { return Version.AtLeast(2, 4) && Has("CIPSENDL"); } }

        /// <summary><c>AT+SYSMFG</c> for certificates at run time (v3.2+).</summary>
        public bool HasSysMfg { get { return Version.AtLeast(3, 2) && Has("SYSMFG"); } }

        /// <summary>The <c>&lt;timeout&gt;</c> argument of <c>AT+CIPSTART</c> (v4.1+).</summary>
        public bool HasCipStartTimeout { get { return Version.AtLeast(4, 1); } }

        /// <summary>Largest <c>AT+CIPSEND</c> length: 2048 before v2.4, 8192 since.</summary>
        public int CipSendMax { get { return Version.AtLeast(2, 4) ? 8192 : 2048; } }

        /// <summary>Link ids 0..MaxLinks-1 (ESP-AT: 5).</summary>
        public int MaxLinks { get { return 5; } }

        /// <summary>Builds the capabilities from the version and the lines of <c>AT+CMD?</c> (null when it failed).</summary>
        public static Capabilities From(FirmwareVersion version, AtResponse cmdList)
        {
            Hashtable names = null;
            if (cmdList != null && cmdList.LineCount > 0)
            {
                names = new Hashtable();
                for (int i = 0; i < cmdList.LineCount; i++)
                {
                    // +CMD:<index>,"AT+NAME",<test>,<query>,<set>,<exe>
                    var line = cmdList.GetLine(i);
                    int start = line.IndexOf("\"AT+");
                    if (start < 0) continue;
                    int end = line.IndexOf('"', start + 4);
                    if (end > start) names[line.Substring(start + 4, end - start - 4)] = true;
                }
            }
            return new Capabilities(version, names);
        }
    }
}
