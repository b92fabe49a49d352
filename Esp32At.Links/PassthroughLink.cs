using System;
using System.Threading;
using Esp32At.Device;
using Esp32At.Engine;

namespace Esp32At.Links
{
    /// <summary>
    /// One TCP, SSL or fixed-remote UDP link in UART-Wi-Fi passthrough (transparent) mode: <c>AT+CIPMUX=0</c>,
    /// <c>AT+CIPSTART</c>, <c>AT+CIPMODE=1</c>, <c>AT+CIPSEND</c>, then raw bytes both ways with no <c>+IPD</c> or
    /// <c>AT+CIPSEND</c> framing, at line rate. While it is active the UART carries nothing else: no other link can
    /// exist (the firmware refuses <c>CIPMUX=0</c> while links or a server exist), no notice is parsed (Wi-Fi or
    /// link notices the firmware prints then are payload to it, and it is silent about a peer close unless
    /// <c>SYSMSG</c> bit 2), and a reboot is not seen until <see cref="Leave"/>: the firmware boots in command mode,
    /// so the lone <c>+++</c> is harmless and the next command shows the link gone.
    /// </summary>
    public sealed class PassthroughLink : IDisposable
    {
        /// <summary>Idle kept before and after <c>+++</c> (the firmware needs 20 ms; margin for UART FIFOs).</summary>
        public const int DefaultGuardMs = 50;

        /// <summary>Espressif: wait at least 1 s after <c>+++</c> before the next AT command.</summary>
        public const int DefaultSettleMs = 1000;

        private readonly AtExecutor executor;
        private readonly AtCommandBuffer command = new AtCommandBuffer();
        private readonly int timeoutMs;
        private bool open;

        private PassthroughLink(AtExecutor executor, int timeoutMs)
        {
            this.executor = executor;
            this.timeoutMs = timeoutMs;
            GuardMs = DefaultGuardMs;
            SettleMs = DefaultSettleMs;
        }

        /// <summary>Idle before and after <c>+++</c> when leaving, in ms (at least 20).</summary>
        public int GuardMs { get; set; }

        /// <summary>Wait after <c>+++</c> before the first command, in ms.</summary>
        public int SettleMs { get; set; }

        /// <summary>True while the UART is a raw pipe to the link.</summary>
        public bool Active { get { return executor.InPassthrough; } }

        /// <summary>False once the link was closed, or found gone after a reboot of the ESP.</summary>
        public bool IsOpen { get { return open; } }

        /// <summary>
        /// Opens the link in single-connection mode and enters passthrough. <paramref name="kind"/> UDP gets a fixed
        /// remote (the firmware passes only such UDP links through).
        /// </summary>
        /// <exception cref="AtCommandException">The firmware refused (other links or a server exist, connect failed).</exception>
        public static PassthroughLink Open(Esp32AtDevice device, LinkKind kind, string host, int port, int timeoutMs)
        {
            return Open(device, kind, host, port, timeoutMs, true, null);
        }

        /// <summary>
        /// As <see cref="Open(Esp32AtDevice, LinkKind, string, int, int)"/>; with <paramref name="enter"/> false the link
        /// is opened with <c>AT+CIPMODE=1</c> but stays in command mode until <see cref="Resume"/>. For SSL,
        /// <paramref name="tls"/> (null: verify against CA slot 0) goes out in the single-connection forms
        /// <c>AT+CIPSSLCCONF=&lt;auth&gt;,&lt;pki&gt;,&lt;ca&gt;</c> and <c>AT+CIPSSLCSNI="name"</c> before the connect;
        /// the certificates must already be on the ESP (<see cref="CertificateStore"/>).
        /// </summary>
        public static PassthroughLink Open(Esp32AtDevice device, LinkKind kind, string host, int port, int timeoutMs, bool enter, TlsSettings tls)
        {
            if (device == null) throw new ArgumentNullException("device");
            if (host == null) throw new ArgumentNullException("host");
            var link = new PassthroughLink(device.Executor, timeoutMs);
            link.Run(LinkCommands.SingleLink);
            bool done = false;
            try
            {
                if (kind == LinkKind.Ssl) link.ConfigureTls(device, tls != null ? tls : new TlsSettings(), host);
                var c = link.command.Clear().Append(LinkCommands.PassthroughStartPrefix)
                    .Append(kind == LinkKind.Udp ? "\"UDP\"" : kind == LinkKind.Ssl ? "\"SSL\"" : "\"TCP\"")
                    .Append(",").AppendQuoted(host, "host").Append(",").Append(port).AppendLineEnd();
                link.executor.Run(c, null, timeoutMs, false);
                link.open = true;
                link.Run(LinkCommands.PassthroughOn);
                if (enter) link.Resume();
                done = true;
                return link;
            }
            finally
            {
                if (!done) link.Close();
            }
        }

        /// <summary>Enters passthrough again after <see cref="Leave"/> (the link stayed open).</summary>
        public void Resume()
        {
            if (Active) return;
            if (!open) throw new InvalidOperationException("the passthrough link is closed");
            executor.EnterPassthrough(command.Clear().Append(LinkCommands.PassthroughSend).AppendLineEnd(), timeoutMs);
        }

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes; returns 0 when none came within <paramref name="timeoutMs"/>.
        /// When the stream ended in a boot banner (<c>\r\nready\r\n</c>) and went quiet for
        /// <see cref="RebootIdleMs"/>, the firmware is asked (see <see cref="CheckForReboot"/>).
        /// </summary>
        /// <exception cref="AtRebootedException">The ESP rebooted: passthrough and the link are gone.</exception>
        /// <exception cref="InvalidOperationException">Not in passthrough.</exception>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            var deadline = Deadline.After(timeoutMs);
            while (true)
            {
                int n = executor.ReadPassthrough(buffer, offset, count, deadline.Slice(RebootIdleMs));
                if (n > 0 || count == 0) return n;
                if (executor.PassthroughRebootSuspected(RebootIdleMs)) CheckForReboot();
                if (deadline.Passed) return 0;
            }
        }

        /// <summary>Writes raw bytes to the peer (the firmware sends them at 2920 bytes or after TRANSINTVL).</summary>
        /// <exception cref="AtRebootedException">The ESP rebooted (seen as for <see cref="Read"/>).</exception>
        public void Write(byte[] buffer, int offset, int count)
        {
            if (executor.PassthroughRebootSuspected(RebootIdleMs)) CheckForReboot();
            executor.WritePassthrough(buffer, offset, count);
        }

        /// <summary>Quiet time after a boot banner in the stream before the firmware is asked whether it rebooted, in ms.</summary>
        public const int RebootIdleMs = 200;

        /// <summary>
        /// Passthrough carries no notices, so a reboot shows only as its <c>ready</c> banner among the payload. This
        /// leaves passthrough (<c>+++</c>) and asks <c>AT+CIPMODE?</c>: a rebooted ESP answers 0 (or garbage, or
        /// nothing at another baud rate); then the link is marked gone, the device is told (it sets the ESP up
        /// again, as after any reboot) and <see cref="AtRebootedException"/> is thrown. Payload that only looked like
        /// a banner gets 1: passthrough is entered again.
        /// </summary>
        public void CheckForReboot()
        {
            if (!Active) return;
            executor.ClearRebootSuspicion();
            Leave();
            string mode = null;
            try
            {
                var r = new AtResponse();
                executor.Run(command.Clear().Append(LinkCommands.PassthroughQuery).AppendLineEnd(), r, timeoutMs, true);
                mode = r.Find(LinkCommands.PassthroughQueryPrefix);
            }
            catch (AtCommandException)
            {
            }
            if (mode == "1")
            {
                Resume();
                return;
            }
            open = false;
            executor.ReportReboot();
            throw new AtRebootedException(LinkCommands.PassthroughSend + " (passthrough)");
        }

        /// <summary>
        /// Back to command mode with the timed <c>+++</c>, then waits <see cref="SettleMs"/>. The link stays open
        /// (CIPMODE stays 1); unread passthrough bytes are dropped.
        /// </summary>
        public void Leave()
        {
            if (!Active) return;
            executor.LeavePassthrough(GuardMs);
            if (SettleMs > 0) Thread.Sleep(SettleMs);
        }

        /// <summary>Leaves passthrough, closes the link and restores normal mode: CIPMODE=0, CIPMUX=1. Errors are ignored.</summary>
        public void Close()
        {
            Leave();
            TryRun(LinkCommands.PassthroughOff);
            if (open) TryRun(LinkCommands.PassthroughClose);
            open = false;
            TryRun(LinkCommands.MultipleLinks);
        }

        /// <summary>Same as <see cref="Close"/>.</summary>
        public void Dispose()
        {
            Close();
        }

        private void ConfigureTls(Esp32AtDevice device, TlsSettings tls, string host)
        {
            executor.Run(command.Clear().Append(LinkCommands.SslConfig).Append(tls.AuthMode).Append(",")
                .Append(tls.ClientCertificateSlot).Append(",").Append(tls.CaSlot).AppendLineEnd(), null, timeoutMs, true);
            if (device.Capabilities.Has("CIPSSLCSNI"))
                executor.Run(command.Clear().Append(LinkCommands.SslServerName)
                    .AppendQuoted(tls.ServerName != null ? tls.ServerName : host, "serverName").AppendLineEnd(), null, timeoutMs, true);
            int alpn = tls.Alpn == null ? 0 : tls.Alpn.Length;
            if (alpn == 0 || !device.Capabilities.Has("CIPSSLCALPN")) return;
            command.Clear().Append(LinkCommands.SslAlpn).Append(alpn);
            for (int i = 0; i < alpn; i++) command.Append(",").AppendQuoted(tls.Alpn[i], "alpn");
            executor.Run(command.AppendLineEnd(), null, timeoutMs, true);
        }

        private void Run(string text)
        {
            executor.Run(command.Clear().Append(text).AppendLineEnd(), null, timeoutMs, true);
        }

        private void TryRun(string text)
        {
            try
            {
                Run(text);
            }
            catch (AtCommandException)
            {
            }
        }
    }
}
