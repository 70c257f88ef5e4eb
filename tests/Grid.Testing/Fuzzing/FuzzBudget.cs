using System.Globalization;
using FsCheck;
using Microsoft.FSharp.Core;

namespace Grid.Testing.Fuzzing;

/// <summary>
/// How many cases the fuzzing pass runs, split evenly over its five targets (the probe intake, the
/// signals intake, the BGP decoders, the BMP reader and the MRT reader). CI runs
/// <see cref="DefaultCases"/> in all, well under a minute; <c>GRID_FUZZ_CASES=1000000</c> is the
/// nightly-sized run. <c>GRID_FUZZ_SEED</c> replays or varies a run (the default seed is fixed).
/// </summary>
public static class FuzzBudget
{
    public const int Targets = 5;

    public const int DefaultCases = 25_000;

    /// <summary>A case that takes longer than this is a hang.</summary>
    public static readonly TimeSpan PerCase = TimeSpan.FromSeconds(1);

    public static int TotalCases =>
        int.TryParse(Environment.GetEnvironmentVariable("GRID_FUZZ_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var cases) && cases > 0
            ? cases
            : DefaultCases;

    /// <summary>One target's share of the cases.</summary>
    public static int PerTarget => Math.Max(1, TotalCases / Targets);

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("GRID_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 0x6772_6964_6675_7A7AUL;

    /// <summary>FsCheck's configuration for <paramref name="cases"/> cases of a target, seeded (the salt tells the targets apart).</summary>
    public static Config Config(int cases, ulong salt) => FsCheck.Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true)
        .WithReplay(new Replay(new Rnd(Seed + salt, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None));
}
