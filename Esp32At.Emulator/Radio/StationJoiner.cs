using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Radio;

/// <summary>
/// Joins the station makes without a running command (spec §1.2, §2.2, §3): the auto-connect at boot to the network
/// NVS kept (CWAUTOCONN=1), and the background retries after a failed join, every CWRECONNCFG/CWJAP interval, at most
/// the CWRECONNCFG repeat count (0 = forever). The first failure of an episode prints <c>WIFI DISCONNECT</c>, later
/// ones nothing; a success prints <c>WIFI CONNECTED</c> / <c>WIFI GOT IP</c>. A CWJAP, CWQAP, CWMODE or reboot ends
/// the retries (they belong to one episode). Between attempts CWSTATE stays 4 [UNVERIFIED: the firmware may show 3].
/// </summary>
internal sealed class StationJoiner(EspEmulator emulator, RadioControl radio)
{
    /// <summary>Real time between retries at least, so a speed factor of 0 does not spin.</summary>
    private const int MinRetryGapMs = 20;

    private int attempts;

    private RadioState Wireless => emulator.State.Wireless;

    /// <summary>Background join attempts made since the emulator started (for tests).</summary>
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>The +CWJAP failure code of joining <paramref name="ssid"/> now (0: it works), and the AP it would join.</summary>
    public int Evaluate(string ssid, string password, string? bssid, out AccessPoint? target)
    {
        target = radio.AccessPointsInRange.FirstOrDefault(a => a.Ssid == ssid && (bssid is null || a.Bssid == bssid));
        if (target is null) return 3;
        if (target.JoinFailure is 1 or 4) return target.JoinFailure;
        return target.Ecn != 0 && target.Password != password ? 2 : 0;
    }

    /// <summary>After <c>ready</c>: joins the stored network in the background when CWAUTOCONN=1 and the mode has a station.</summary>
    public void AutoConnectAtBoot()
    {
        int episode;
        lock (Wireless.Gate)
        {
            if (!Wireless.AutoConnect || Wireless.StoredJoin is null || !Wireless.WifiInitialized || emulator.State.CwMode is not (1 or 3)) return;
            episode = ++Wireless.Episode;
            emulator.State.WifiState = 3;
        }
        Attempt(episode, attempt: 0, delayMs: 0);
    }

    /// <summary>A CWJAP just failed: the station keeps trying in the background per the reconnect settings.</summary>
    public void RetryAfterFailedJoin()
    {
        int episode;
        lock (Wireless.Gate) episode = Wireless.Episode;
        ScheduleRetry(episode, attempt: 1);
    }

    private void ScheduleRetry(int episode, int attempt)
    {
        int interval = Wireless.ReconnectInterval, repeat = Wireless.ReconnectRepeat;
        if (interval == 0 || repeat > 0 && attempt > repeat) return;
        Attempt(episode, attempt, interval * 1000);
    }

    private void Attempt(int episode, int attempt, int delayMs)
    {
        radio.Later(delayMs, () =>
        {
            if (attempt > 0) Thread.Sleep(MinRetryGapMs);
            if (!Current(episode)) return;
            emulator.Clock.Delay(emulator.Options.JoinTimeMs);
            var stored = Wireless.StoredJoin;
            if (stored is null) return;
            int failure = Evaluate(stored.Value.Ssid, stored.Value.Password, stored.Value.Bssid, out var target);
            Interlocked.Increment(ref attempts);
            lock (Wireless.Gate)
            {
                if (!Current(episode)) return;
                if (failure == 0) Wireless.Episode++; // joined: this episode is over
                else emulator.State.WifiState = 4;
            }
            if (failure == 0)
            {
                radio.Associate(target!);
                return;
            }
            radio.ReportDisconnect();
            ScheduleRetry(episode, attempt + 1);
        });
    }

    private bool Current(int episode)
    {
        lock (Wireless.Gate)
            return Wireless.Episode == episode && Wireless.WifiInitialized && emulator.State.CwMode is 1 or 3;
    }
}
