using System;
using Esp32At.Device;
using Esp32At.Engine;

namespace Esp32At.Links
{
    /// <summary>
    /// Provisions TLS certificates into the ESP's manufacturing NVS with <c>AT+SYSMFG</c> (v3.2+, spec §6): CA
    /// certificates for server verification and the client certificate/key for mutual TLS. The ESP keeps them in
    /// flash, so they survive a reboot. Key bytes never reach a trace (payloads are traced as a byte count).
    /// </summary>
    public sealed class CertificateStore
    {
        private const int WriteTimeoutMs = 10000;
        private const int MaxPemBytes = 8192;
        private readonly Esp32AtDevice device;
        private readonly object gate = new object();
        // What each slot last got from this store: writing flash again with the same bytes is skipped.
        private readonly byte[][] caWritten = new byte[2][];
        private readonly byte[][] certWritten = new byte[2][];
        private readonly byte[][] keyWritten = new byte[2][];
        // The SSL server's slot 0 (server_cert.0, server_key.0, server_ca.0): the only one CIPSERVER reads.
        private byte[] serverCertWritten;
        private byte[] serverKeyWritten;
        private byte[] serverCaWritten;

        /// <summary>Uses <paramref name="device"/> (initialised).</summary>
        public CertificateStore(Esp32AtDevice device)
        {
            if (device == null) throw new ArgumentNullException("device");
            this.device = device;
        }

        /// <summary>
        /// Stores a CA certificate (PEM) in slot <c>client_ca.<paramref name="slot"/></c>, unless this store already put
        /// the same bytes there (SYSMFG writes flash).
        /// </summary>
        public void LoadCa(byte[] pem, int slot = 0)
        {
            CheckSlot(slot);
            lock (gate)
            {
                if (SameBytes(caWritten[slot], pem)) return;
                caWritten[slot] = null; // unknown until the ESP said OK
                Write(LinkCommands.CaNamespace, slot, pem, "pem");
                caWritten[slot] = pem;
            }
        }

        /// <summary>
        /// Stores the client certificate and private key (PEM) in slot <paramref name="slot"/>, unless this store already
        /// put the same pair there.
        /// </summary>
        public void LoadClientCertificate(byte[] certificatePem, byte[] privateKeyPem, int slot = 0)
        {
            CheckSlot(slot);
            lock (gate)
            {
                if (SameBytes(certWritten[slot], certificatePem) && SameBytes(keyWritten[slot], privateKeyPem)) return;
                certWritten[slot] = null;
                keyWritten[slot] = null;
                Write(LinkCommands.CertNamespace, slot, certificatePem, "certificatePem");
                Write(LinkCommands.KeyNamespace, slot, privateKeyPem, "privateKeyPem");
                certWritten[slot] = certificatePem;
                keyWritten[slot] = privateKeyPem;
            }
        }

        /// <summary>
        /// Stores the SSL server's certificate and private key (PEM) in <c>server_cert.0</c> / <c>server_key.0</c>, which
        /// <c>AT+CIPSERVER=1,&lt;port&gt;,"SSL"</c> presents to clients; skipped when this store already put the same pair
        /// there. Load before the server starts: the ESP reads them when it listens.
        /// </summary>
        public void LoadServerCertificate(byte[] certificatePem, byte[] privateKeyPem)
        {
            lock (gate)
            {
                if (SameBytes(serverCertWritten, certificatePem) && SameBytes(serverKeyWritten, privateKeyPem)) return;
                CheckPem(certificatePem, "certificatePem");
                CheckPem(privateKeyPem, "privateKeyPem");
                serverCertWritten = null;
                serverKeyWritten = null;
                Write(LinkCommands.ServerCertNamespace, 0, certificatePem, "certificatePem");
                Write(LinkCommands.ServerKeyNamespace, 0, privateKeyPem, "privateKeyPem");
                serverCertWritten = certificatePem;
                serverKeyWritten = privateKeyPem;
            }
        }

        /// <summary>
        /// Stores the CA (PEM) that client certificates must chain to when the SSL server verifies clients
        /// (<c>server_ca.0</c>, CIPSERVER's <c>&lt;CA enable&gt;</c> = 1); skipped when already there.
        /// </summary>
        public void LoadServerCa(byte[] pem)
        {
            lock (gate)
            {
                if (SameBytes(serverCaWritten, pem)) return;
                CheckPem(pem, "pem");
                serverCaWritten = null;
                Write(LinkCommands.ServerCaNamespace, 0, pem, "pem");
                serverCaWritten = pem;
            }
        }

        /// <summary>Whether the SSL server's certificate was loaded through this store.</summary>
        public bool HasServerCertificate
        {
            get { lock (gate) return serverCertWritten != null; }
        }

        /// <summary>Whether the SSL server's client CA was loaded through this store.</summary>
        public bool HasServerCa
        {
            get { lock (gate) return serverCaWritten != null; }
        }

        /// <summary>
        /// Stores the CA (PEM) the firmware's MQTT client verifies brokers with (<c>mqtt_ca.0</c>; AT+MQTTUSERCFG schemes
        /// 3, 5, 8, 10). Written every call: the MQTT slot is separate from the SSL links' slots.
        /// </summary>
        public void LoadMqttCa(byte[] pem)
        {
            lock (gate) Write(LinkCommands.MqttCaNamespace, 0, pem, "pem");
        }

        /// <summary>Stores the MQTT client certificate and key (PEM) in <c>mqtt_cert.0</c>/<c>mqtt_key.0</c> (schemes 4, 5, 9, 10).</summary>
        public void LoadMqttClientCertificate(byte[] certificatePem, byte[] privateKeyPem)
        {
            lock (gate)
            {
                Write(LinkCommands.MqttCertNamespace, 0, certificatePem, "certificatePem");
                Write(LinkCommands.MqttKeyNamespace, 0, privateKeyPem, "privateKeyPem");
            }
        }

        /// <summary>Whether a CA was loaded into <paramref name="slot"/> through this store.</summary>
        public bool HasCa(int slot)
        {
            lock (gate) return slot >= 0 && slot < caWritten.Length && caWritten[slot] != null;
        }

        /// <summary>Whether a client certificate was loaded into <paramref name="slot"/> through this store.</summary>
        public bool HasClientCertificate(int slot)
        {
            lock (gate) return slot >= 0 && slot < certWritten.Length && certWritten[slot] != null;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        // Checked before anything is written, so a bad key never leaves a half-provisioned pair behind.
        private static void CheckPem(byte[] pem, string argument)
        {
            if (pem == null) throw new ArgumentNullException(argument);
            if (pem.Length == 0 || pem.Length > MaxPemBytes) throw new ArgumentException(argument + " must be 1 to " + MaxPemBytes + " bytes", argument);
        }

        private void Write(string space, int slot, byte[] pem, string argument)
        {
            CheckPem(pem, argument);
            if (!device.Capabilities.HasSysMfg)
                throw new NotSupportedException("firmware " + device.Version + " has no AT+SYSMFG (v3.2+ needed) to load certificates");
            var cmd = new AtCommandBuffer().Append(LinkCommands.ManufacturingWrite).AppendQuoted(space, "namespace").Append(",")
                .AppendQuoted(space + "." + slot, "key").Append(LinkCommands.BinaryType).Append(pem.Length).AppendLineEnd();
            var code = device.Executor.Send(cmd, pem, 0, pem.Length, WriteTimeoutMs);
            if (code != AtResultCode.Ok && code != AtResultCode.SendOk)
                throw new AtCommandException("AT+SYSMFG=2,\"" + space + "\"", null, "storing " + space + "." + slot + " failed: " + code);
        }

        private static void CheckSlot(int slot)
        {
            if (slot < 0 || slot > 1) throw new ArgumentOutOfRangeException("slot", "certificate slot must be 0 or 1");
        }
    }
}
