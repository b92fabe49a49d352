using System;
using System.Collections;
using Esp32At.Device;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// What every <see cref="SocketPool"/> of one device shares (the core's pool is a singleton per radio): the one
    /// connection table (it owns the link URCs), the one server, the resolver, and which certificates are on the ESP.
    /// </summary>
    internal sealed class PoolResources
    {
        private static readonly Hashtable byDevice = new Hashtable();
        private readonly object certificateGate = new object();
        private byte[] loadedCa;
        private byte[] loadedClientCert;
        private byte[] loadedClientKey;

        private PoolResources(Esp32AtDevice device)
        {
            Device = device;
            Table = new ConnectionTable(device);
            Server = new LinkServer(Table);
            Resolver = new HostResolver(device);
        }

        public readonly Esp32AtDevice Device;
        public readonly ConnectionTable Table;
        public readonly LinkServer Server;
        public readonly HostResolver Resolver;

        /// <summary>The socket that listens (the ESP has one server), or null.</summary>
        public Socket Listener;

        /// <summary>The shared resources of <paramref name="device"/>, made on first use.</summary>
        public static PoolResources For(Esp32AtDevice device)
        {
            if (device == null) throw new ArgumentNullException("device");
            if (device.Capabilities == null) throw new InvalidOperationException("initialise the device (Wifi.Init) before creating a SocketPool");
            lock (byDevice)
            {
                var r = (PoolResources)byDevice[device];
                if (r == null)
                {
                    r = new PoolResources(device);
                    byDevice[device] = r;
                }
                return r;
            }
        }

        /// <summary>
        /// Puts <paramref name="caPem"/> into CA slot 0 unless it is already there (SYSMFG writes flash: only when it
        /// changed, e.g. another context with another CA).
        /// </summary>
        public void EnsureCa(byte[] caPem)
        {
            lock (certificateGate)
            {
                if (SameBytes(loadedCa, caPem) && Table.Certificates.HasCa(0)) return;
                Table.Certificates.LoadCa(caPem, 0);
                loadedCa = caPem;
            }
        }

        /// <summary>Puts the client certificate and key into slot 0 unless they are already there.</summary>
        public void EnsureClientCertificate(byte[] certPem, byte[] keyPem)
        {
            lock (certificateGate)
            {
                if (SameBytes(loadedClientCert, certPem) && SameBytes(loadedClientKey, keyPem) && Table.Certificates.HasClientCertificate(0)) return;
                Table.Certificates.LoadClientCertificate(certPem, keyPem, 0);
                loadedClientCert = certPem;
                loadedClientKey = keyPem;
            }
        }

        /// <summary>Notes (once per device) in the AT trace that a TLS connection does not authenticate its peer.</summary>
        public void WarnUnverified(string host)
        {
            Table.NoteUnverifiedTls("TLS server verification is OFF (VerifyMode = CERT_NONE) for " + host + " and later connections: the peer is not authenticated");
        }

        /// <summary>A note in the device's AT trace, if one is attached.</summary>
        public void Note(string text)
        {
            IAtTraceSink trace = Device.Executor.Trace;
            if (trace != null) trace.Trace("--", "socketpool: " + text);
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
