using Millwright.Firmware.Board;

namespace Millwright.Firmware.Components;

/// <summary>How a channel's configuration reads on the console and in the log: "1 temperature [C] every 1000 ms x4 averaged".</summary>
public static class ChannelConfigText
{
    public static string Describe(ChannelDescription channel, bool hasDriver)
    {
        string text = channel.ChannelId.ToString() + " " + channel.Name + " [" + channel.Unit + "]";
        text += channel.PeriodMilliseconds > 0 ? " every " + channel.PeriodMilliseconds.ToString() + " ms" : " at the default period";
        if (channel.Oversample > 1)
        {
            text += " x" + channel.Oversample.ToString() + " averaged";
        }

        return hasDriver ? text : text + " (no driver)";
    }
}
