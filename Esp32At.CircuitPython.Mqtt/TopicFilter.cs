namespace Esp32At.CircuitPython.Mqtt
{
    /// <summary>MQTT topic filter matching (<c>+</c> one level, <c>#</c> the rest), for <see cref="MQTT.AddTopicCallback"/>.</summary>
    public static class TopicFilter
    {
        /// <summary>Whether <paramref name="topic"/> matches <paramref name="filter"/>.</summary>
        public static bool Matches(string filter, string topic)
        {
            int f = 0, t = 0;
            while (f < filter.Length)
            {
                char c = filter[f];
                if (c == '#') return true;
                if (c == '+')
                {
                    while (t < topic.Length && topic[t] != '/') t++;
                    f++;
                    continue;
                }
                if (t >= topic.Length)
                {
                    // "a/#" also matches "a" (the parent level).
                    return f + 1 < filter.Length && filter[f] == '/' && filter[f + 1] == '#' && f + 2 == filter.Length;
                }
                if (topic[t] != c) return false;
                f++;
                t++;
            }
            return t == topic.Length;
        }
    }
}
