using System.Text;

namespace Esp32At.Engine
{
    /// <summary>
    /// Removes secrets from AT text before it reaches a trace or an exception message: Wi-Fi passwords (CWJAP, CWSAP,
    /// CWJEAP), pre-shared keys (CIPSSLCPSK), MQTT credentials (MQTTUSERCFG) and their query answers. Every quoted argument after the first is replaced.
    /// </summary>
    public static class AtRedactor
    {
        private static readonly string[] SecretCommands = { "AT+CWJAP", "AT+CWSAP", "AT+CWJEAP", "AT+CIPSSLCPSK", "AT+MQTTUSERCFG", "+CWSAP:", "+CWJEAP:", "+CIPSSLCPSK:" };

        /// <summary>The text with secret arguments replaced by <c>***</c>.</summary>
        public static string Redact(string text)
        {
            if (text == null) return null;
            for (int i = 0; i < SecretCommands.Length; i++)
            {
                var p = SecretCommands[i];
                if (text.Length >= p.Length && string.Compare(text.Substring(0, p.Length), p) == 0) return RedactAfterFirstArgument(text, p.Length);
            }
            return text;
        }

        private static string RedactAfterFirstArgument(string text, int from)
        {
            // Keep the command name and its first argument (the SSID, or the link id); hide everything after it.
            int comma = -1;
            bool quoted = false;
            for (int i = from; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\') { i++; continue; }
                if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) { comma = i; break; }
            }
            if (comma < 0) return text;
            var sb = new StringBuilder(text.Substring(0, comma + 1));
            sb.Append("***");
            return sb.ToString();
        }
    }
}
