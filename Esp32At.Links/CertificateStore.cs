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
        private readonly bool[] caLoaded = new bool[2];
        private readonly bool[] clientLoaded = new bool[2];

        /// <summary>Uses <paramref name="device"/> (initialised).</summary>
        public CertificateStore(Esp32AtDevice device)
        {
            if (device == null) throw new ArgumentNullException("device");
            this.device = device;
        }

        /// <summary>Stores a CA certificate (PEM) in slot <c>client_ca.<paramref name="slot"/></c>.</summary>
        public void LoadCa(byte[] pem, int slot = 0)
        {
            CheckSlot(slot);
            Write(LinkCommands.CaNamespace, slot, pem, "pem");
            lock (caLoaded) caLoaded[slot] = true;
        }

        /// <summary>Stores the client certificate and private key (PEM) in slot <paramref name="slot"/>.</summary>
        public void LoadClientCertificate(byte[] certificatePem, byte[] privateKeyPem, int slot = 0)
        {
            CheckSlot(slot);
            Write(LinkCommands.CertNamespace, slot, certificatePem, "certificatePem");
            Write(LinkCommands.KeyNamespace, slot, privateKeyPem, "privateKeyPem");
            lock (caLoaded) clientLoaded[slot] = true;
        }

        /// <summary>Whether a CA was loaded into <paramref name="slot"/> through this store.</summary>
        public bool HasCa(int slot)
        {
            lock (caLoaded) return slot >= 0 && slot < caLoaded.Length && caLoaded[slot];
        }

        /// <summary>Whether a client certificate was loaded into <paramref name="slot"/> through this store.</summary>
        public bool HasClientCertificate(int slot)
        {
            lock (caLoaded) return slot >= 0 && slot < clientLoaded.Length && clientLoaded[slot];
        }

        private void Write(string space, int slot, byte[] pem, string argument)
        {
            if (pem == null) throw new ArgumentNullException(argument);
            if (pem.Length == 0 || pem.Length > MaxPemBytes) throw new ArgumentException(argument + " must be 1 to " + MaxPemBytes + " bytes", argument);
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
