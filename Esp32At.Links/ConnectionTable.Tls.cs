using System;
using Esp32At.Engine;

namespace Esp32At.Links
{
    // Per-link TLS settings sent before CIPSTART "SSL" (only what changed since the last connection on the id).
    public sealed partial class ConnectionTable
    {
        // The ESP keeps each id's TLS settings (CIPSSLCCONF even in NVS), so commands whose value is already there are
        // skipped: a repeated HTTPS request to the same host costs no extra round trips. Forgotten at a reboot.
        private void ConfigureTls(int id, TlsSettings tls, string host)
        {
            var link = links[id];
            var caps = device.Capabilities;
            var cmd = new AtCommandBuffer().Append(LinkCommands.SslConfig).Append(id).Append(",").Append(tls.AuthMode)
                .Append(",").Append(tls.ClientCertificateSlot).Append(",").Append(tls.CaSlot).AppendLineEnd();
            RunIfChanged(ref link.TlsConfigApplied, cmd);
            if (caps.Has("CIPSSLCSNI"))
            {
                // Always send SNI (spec §6): early firmware sent none, and a name is needed when connecting by IP.
                cmd.Clear().Append(LinkCommands.SslServerName).Append(id).Append(",")
                    .AppendQuoted(tls.ServerName != null ? tls.ServerName : host, "serverName").AppendLineEnd();
                RunIfChanged(ref link.TlsNameApplied, cmd);
            }
            int alpnCount = tls.Alpn == null ? 0 : tls.Alpn.Length;
            if (caps.Has("CIPSSLCALPN"))
            {
                // The ESP keeps per-link ALPN settings: clear them when none are wanted.
                cmd.Clear().Append(LinkCommands.SslAlpn).Append(id).Append(",").Append(alpnCount);
                for (int i = 0; i < alpnCount; i++) cmd.Append(",").AppendQuoted(tls.Alpn[i], "alpn");
                RunIfChanged(ref link.TlsAlpnApplied, cmd.AppendLineEnd());
            }
            else if (alpnCount > 0) throw new NotSupportedException("this firmware has no AT+CIPSSLCALPN");
        }

        private void RunIfChanged(ref string applied, AtCommandBuffer cmd)
        {
            var text = cmd.ToString();
            if (text == applied) return;
            applied = null; // unknown until the ESP said OK
            executor.Run(cmd, null, ReceiveCommandTimeoutMs, true);
            applied = text;
        }
    }
}
