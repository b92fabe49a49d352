using System;
using System.Collections;
using Esp32At.Wifi;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// <c>wifi.ScannedNetworks</c>: the networks of a scan, produced channel by channel (<c>AT+CWLAP=,,&lt;ch&gt;</c>) as
    /// the caller iterates, so that <see cref="Radio.StopScanningNetworks"/> (or leaving the loop) ends the scan early.
    /// Iterate it once; each element is a <see cref="Network"/>.
    /// </summary>
    public sealed class ScannedNetworks : IEnumerable, IEnumerator
    {
        private readonly Radio radio;
        private readonly int stopChannel;
        private int nextChannel;
        private AccessPointInfo[] batch = new AccessPointInfo[0];
        private int index = -1;
        private Network current;
        private bool done;

        internal ScannedNetworks(Radio radio, int startChannel, int stopChannel)
        {
            this.radio = radio;
            nextChannel = startChannel;
            this.stopChannel = stopChannel;
        }

        /// <summary>This object (it is its own enumerator).</summary>
        public IEnumerator GetEnumerator() { return this; }

        /// <summary>The current network.</summary>
        public object Current
        {
            get
            {
                if (current == null) throw new InvalidOperationException("call MoveNext first");
                return current;
            }
        }

        /// <summary>The current network, typed.</summary>
        public Network CurrentNetwork { get { return current; } }

        /// <summary>Moves to the next network, scanning the next channel(s) when needed; false when the scan is over.</summary>
        public bool MoveNext()
        {
            while (!done)
            {
                if (++index < batch.Length)
                {
                    current = new Network(batch[index], "");
                    return true;
                }
                if (nextChannel > stopChannel || !radio.IsScanning(this))
                {
                    Finish();
                    break;
                }
                try
                {
                    batch = radio.Service.Scan(null, null, nextChannel++);
                }
                catch
                {
                    Finish();
                    throw;
                }
                index = -1;
            }
            current = null;
            return false;
        }

        /// <summary>Not supported: start a new scan instead.</summary>
        public void Reset()
        {
            throw new NotSupportedException("start a new scan with Radio.StartScanningNetworks");
        }

        internal void Finish()
        {
            done = true;
            radio.ScanFinished(this);
        }
    }
}
