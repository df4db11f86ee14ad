using Millwright.Firmware.Board;

namespace Millwright.Firmware.Commands;

/// <summary>
/// The board's interlocks for one requested value: allowed range, minimum on and off times for switches, and the
/// most changes per minute. They hold whatever the controller asks; only the fail-safe (driving to the safe value)
/// passes them by, because a machine left running without its controller is the greater danger.
/// </summary>
public static class ActuatorInterlocks
{
    public const long RateWindowMicros = 60000000;

    /// <summary>Returns null when <paramref name="target"/> may be applied now, otherwise the interlock that refuses it.</summary>
    public static string Check(ActuatorState state, float target, long nowMicros)
    {
        ActuatorDescription rules = state.Description;
        if (float.IsNaN(target) || target < rules.Minimum || target > rules.Maximum)
        {
            return "range: value must be from " + rules.Minimum.ToString() + " to " + rules.Maximum.ToString();
        }

        if (target == state.Value)
        {
            // Not a change: no timing rule applies.
            return null;
        }

        long sinceChangeMicros = nowMicros - state.LastChangeMicros;
        if (rules.Kind == ActuatorKind.Switch)
        {
            bool turningOn = target >= 0.5f;
            if (state.IsOn && !turningOn && rules.MinimumOnMilliseconds > 0 &&
                sinceChangeMicros < (long)rules.MinimumOnMilliseconds * 1000)
            {
                return "minimum on time: must stay on " + rules.MinimumOnMilliseconds.ToString() + " ms, on for " +
                    (sinceChangeMicros / 1000).ToString() + " ms";
            }

            if (!state.IsOn && turningOn && rules.MinimumOffMilliseconds > 0 &&
                sinceChangeMicros < (long)rules.MinimumOffMilliseconds * 1000)
            {
                return "minimum off time: must stay off " + rules.MinimumOffMilliseconds.ToString() + " ms, off for " +
                    (sinceChangeMicros / 1000).ToString() + " ms";
            }
        }

        if (rules.MaxChangesPerMinute > 0 && state.ChangesWithin(nowMicros, RateWindowMicros) >= rules.MaxChangesPerMinute)
        {
            return "rate limit: at most " + rules.MaxChangesPerMinute.ToString() + " changes per minute";
        }

        return null;
    }
}
