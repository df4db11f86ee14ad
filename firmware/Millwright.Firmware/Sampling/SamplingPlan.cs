using System;
using Millwright.Firmware.Board;
using Millwright.Firmware.Components;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Sampling;

/// <summary>
/// Turns the board's channel descriptions into <see cref="ChannelPlan"/>s, checking each one first: a bad board
/// description stops the node at start-up with a message naming the channel, not with odd frames later.
/// </summary>
public static class SamplingPlan
{
    public const int MaxOversample = 64;

    /// <summary>Every tick signs a frame and appends it to flash: ten a second is the most the outbox is sized for.</summary>
    public const int MinPeriodMilliseconds = 100;

    /// <summary>One day: a longer period is surely a typo, and keeps every deadline sum far from overflow.</summary>
    public const int MaxPeriodMilliseconds = 86400000;

    /// <param name="board">Channels and the default period.</param>
    /// <param name="components">Where each channel's sensor component is found.</param>
    /// <param name="defaultPeriodOverrideMilliseconds">The technician's period for channels without their own (0 = the board default).</param>
    public static ChannelPlan[] Build(BoardDescription board, ComponentRegistry components, int defaultPeriodOverrideMilliseconds)
    {
        ChannelDescription[] channels = board.Channels == null ? new ChannelDescription[0] : board.Channels;
        if (channels.Length > ProtocolLimits.MaxSamplesPerFrame)
        {
            throw new ArgumentException("board has " + channels.Length.ToString() + " channels; a frame holds " + ProtocolLimits.MaxSamplesPerFrame.ToString());
        }

        int defaultPeriod = defaultPeriodOverrideMilliseconds > 0 ? defaultPeriodOverrideMilliseconds : board.DefaultSamplePeriodMilliseconds;
        RequirePeriod(defaultPeriod, "the default sampling period");
        var plan = new ChannelPlan[channels.Length];
        for (int i = 0; i < channels.Length; i++)
        {
            ChannelDescription c = channels[i];
            string name = "channel " + c.ChannelId.ToString();
            if (c.ChannelId < 0 || c.ChannelId > 65535)
            {
                throw new ArgumentException(name + ": id must be 0-65535");
            }

            for (int j = 0; j < i; j++)
            {
                if (channels[j].ChannelId == c.ChannelId)
                {
                    throw new ArgumentException(name + ": id used twice");
                }
            }

            int period = c.PeriodMilliseconds > 0 ? c.PeriodMilliseconds : defaultPeriod;
            RequirePeriod(period, name + " period");
            if (c.Oversample < 1 || c.Oversample > MaxOversample)
            {
                throw new ArgumentException(name + ": oversample must be 1-" + MaxOversample.ToString());
            }

            SensorComponent sensor;
            int slot;
            if (!components.FindChannel(c.ChannelId, out sensor, out slot))
            {
                throw new ArgumentException(name + ": no sensor component reads it");
            }

            plan[i] = new ChannelPlan(c.ChannelId, period * 1000L, c.Oversample, sensor, slot);
        }

        return plan;
    }

    private static void RequirePeriod(int milliseconds, string what)
    {
        if (milliseconds < MinPeriodMilliseconds || milliseconds > MaxPeriodMilliseconds)
        {
            throw new ArgumentException(what + " must be " + MinPeriodMilliseconds.ToString() + "-" + MaxPeriodMilliseconds.ToString() + " ms");
        }
    }
}
