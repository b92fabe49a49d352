using System;
using System.Threading;

namespace Esp32At.CircuitPython
{
    // select.select over pool sockets: readiness comes from the connection table (passive notices, CLOSED, accepts).
    public sealed partial class SocketPool
    {
        private const int SelectSliceMs = 20;

        /// <summary>
        /// <c>select.select(rlist, wlist, xlist, timeout)</c> for pool sockets: waits until one of
        /// <paramref name="readList"/> is readable (data, end of stream, reset, or a client to accept) or one of
        /// <paramref name="writeList"/> is writable, for at most <paramref name="timeout"/> seconds
        /// (<see cref="CircuitPython.Socket.None"/>: no limit; 0: just look). Reset links are also reported as exceptional.
        /// Either list may be null.
        /// </summary>
        public static SelectResult Select(Socket[] readList, Socket[] writeList, double timeout)
        {
            if (timeout < 0 && timeout != CircuitPython.Socket.None) throw new ArgumentOutOfRangeException("timeout", "timeout must be non-negative");
            if (readList == null) readList = new Socket[0];
            if (writeList == null) writeList = new Socket[0];
            long deadline = timeout == CircuitPython.Socket.None ? long.MaxValue : DateTime.UtcNow.Ticks + (long)(timeout * TimeSpan.TicksPerSecond);
            while (true)
            {
                var result = Look(readList, writeList);
                if (result.Any) return result;
                long left = (deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
                if (left <= 0) return result;
                int slice = left < SelectSliceMs ? (int)left : SelectSliceMs;
                // Wake early on news for the first connected socket; the others are looked at every slice.
                int first = FirstConnected(readList);
                int link = first < 0 ? -1 : readList[first].Link;
                if (link >= 0) readList[first].Resources.Table.WaitReadable(link, slice);
                else Thread.Sleep(slice);
            }
        }

        private static SelectResult Look(Socket[] readList, Socket[] writeList)
        {
            int nr = 0, nw = 0, nx = 0;
            var r = new Socket[readList.Length];
            var w = new Socket[writeList.Length];
            var x = new Socket[readList.Length + writeList.Length];
            for (int i = 0; i < readList.Length; i++)
            {
                var s = readList[i];
                if (s == null) continue;
                if (s.IsReadable()) r[nr++] = s;
                if (s.IsReset() && !Contains(x, nx, s)) x[nx++] = s;
            }
            for (int i = 0; i < writeList.Length; i++)
            {
                var s = writeList[i];
                if (s == null) continue;
                if (s.IsWritable()) w[nw++] = s;
                if (s.IsReset() && !Contains(x, nx, s)) x[nx++] = s;
            }
            return new SelectResult(Trim(r, nr), Trim(w, nw), Trim(x, nx));
        }

        private static int FirstConnected(Socket[] list)
        {
            for (int i = 0; i < list.Length; i++) if (list[i] != null && list[i].Link >= 0) return i;
            return -1;
        }

        private static bool Contains(Socket[] list, int count, Socket s)
        {
            for (int i = 0; i < count; i++) if (list[i] == s) return true;
            return false;
        }

        private static Socket[] Trim(Socket[] list, int count)
        {
            if (count == list.Length) return list;
            var result = new Socket[count];
            Array.Copy(list, result, count);
            return result;
        }
    }
}
