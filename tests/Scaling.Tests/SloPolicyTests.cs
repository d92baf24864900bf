using Microsoft.Extensions.Time.Testing;
using OrleansServe.Scaling;
using OrleansServe.Scaling.Policies;

namespace OrleansServe.Scaling.Tests;

public class SloPolicyTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ScalingMemory _memory = new();

    private SloPolicy Policy(SloOptions? options = null, double p99TargetMs = 500) => new(options ?? new SloOptions(), p99TargetMs, TimeSpan.FromSeconds(1), _time);

    /// <summary>The rule before it was derived from the objective: every replica planned at 0.75, scaled in at 0.6.</summary>
    private static SloOptions Fixed(bool forecast = false) => new() { TargetUtilization = 0.75, Forecast = forecast };

    [Theory]
    [InlineData(10, 20, 1)]    // 0.2 cores / 0.75 = 0.27
    [InlineData(37, 20, 1)]    // 0.74 / 0.75 = 0.99
    [InlineData(38, 20, 2)]    // 0.76 / 0.75 = 1.01
    [InlineData(100, 20, 3)]   // 2 / 0.75 = 2.67
    [InlineData(100, 50, 7)]   // 5 / 0.75 = 6.67
    public void AFixedUtilisationPlansArrivalRateTimesServiceTimeOverIt(double rate, double serviceMs, int expected) =>
        Assert.Equal(expected, Policy(Fixed()).Recommend(Signals.Of(rate: rate, serviceMs: serviceMs, ready: 1, startup: 0), _memory));

    [Fact]
    public void AQueueAddsWhatDrainsItWithinTheObjectiveAfterTheColdStart()
    {
        // No cold start: 100 queued must go within 0.25 s: (10 + 100 / 0.25) × 0.02 = 8.2 replicas.
        Assert.Equal(9, Policy().Recommend(Signals.Of(rate: 10, queue: 100, ready: 1, startup: 0), _memory));

        // 8 s cold start, 1 ready replica (50/s) under 60/s: the queue grows to 100 + 10 × 8 = 180 by then,
        // to drain within 8.25 s: (60 + 180 / 8.25) × 0.02 = 1.64 → 2, not the 9 that could not start in time.
        Assert.Equal(2, Policy().Recommend(Signals.Of(rate: 60, queue: 100, ready: 1, startup: 8), new ScalingMemory()));
    }

    [Fact]
    public void ScalesDownOnlyAfterTwiceTheColdStartAndOneAtATime()
    {
        var policy = Policy(Fixed());
        Assert.Equal(4, policy.Recommend(Signals.Of(rate: 130, ready: 4, startup: 8), _memory));

        _time.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal(4, policy.Recommend(Signals.Of(rate: 1, ready: 4, startup: 8), _memory));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, policy.Recommend(Signals.Of(rate: 1, ready: 4, startup: 8), _memory));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, policy.Recommend(Signals.Of(rate: 1, ready: 3, startup: 8), _memory));
    }

    [Fact]
    public void WithAFixedUtilisationScalesInOnlyWhenTheReplicasLeftRunBelowTheScaleInUtilisation()
    {
        // Two replicas at 20 ms: 34/s would run one at 0.68, inside the band between 0.6 (in) and 0.75 (out).
        var policy = Policy(Fixed());
        Assert.Equal(2, policy.Recommend(Signals.Of(rate: 34, ready: 2, startup: 0), _memory));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, policy.Recommend(Signals.Of(rate: 34, ready: 2, startup: 0), _memory));

        // At 29/s (0.58 on one) it goes once the window has forgotten the higher rate.
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, policy.Recommend(Signals.Of(rate: 29, ready: 2, startup: 0), _memory));
    }

    [Fact]
    public void AConfiguredWindowOverridesTheColdStartOne()
    {
        var policy = Policy(new SloOptions { DownStabilizationSeconds = 60 });
        Assert.Equal(2, policy.Recommend(Signals.Of(rate: 50, ready: 1), _memory));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(2, policy.Recommend(Signals.Of(rate: 0, ready: 2), _memory));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, policy.Recommend(Signals.Of(rate: 0, ready: 2), _memory));
    }

    [Fact]
    public void TheForecastAddsCapacityOneColdStartAheadOfARamp()
    {
        var withForecast = Policy(Fixed(forecast: true));
        var without = Policy(Fixed());
        var memoryWithout = new ScalingMemory();
        int a = 0, b = 0;
        for (var second = 0; second < 20; second++)
        {
            var signals = Signals.Of(rate: 2 * second, serviceMs: 50, ready: 1);
            a = withForecast.Recommend(signals, _memory);
            _memory.LastEvaluatedUtc = _time.GetUtcNow().UtcDateTime;
            b = without.Recommend(signals, memoryWithout);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        // At 38/s rising 2/s: without a forecast 38 × 0.05 / 0.75 = 2.53 → 3; with it, one cold start and a poll
        // ahead, about 38 + 2 × 9 = 56/s → 3.73 → 4, ready when the load gets there.
        Assert.Equal(3, b);
        Assert.Equal(4, a);
        Assert.InRange(_memory.RateTrend, 1.5, 2.5);
    }

    // The derived utilisation (SloQueueModel, M/G/c): the objective's budget is P99TargetMs × ObjectiveShare (0.5).
    // At 20 ms, cv 0.15, one replica may run at 0.80 under a 250 ms budget, 0.46 under 100 ms; with cv 1 at 0.49.
    [Fact]
    public void ATighterObjectiveAllowsALowerUtilisation()
    {
        Assert.True(SloQueueModel.AllowedUtilization(1, 20, 0.0225, 100) < SloQueueModel.AllowedUtilization(1, 20, 0.0225, 250) - 0.2);

        // 39/s is 0.78 of one replica: within what a 500 ms objective allows (0.80), not a 200 ms one (0.46).
        Assert.Equal(1, Policy().Recommend(Signals.Of(rate: 39, ready: 1, startup: 0, scv: 0.0225), _memory));
        Assert.Equal(2, Policy(p99TargetMs: 200).Recommend(Signals.Of(rate: 39, ready: 1, startup: 0, scv: 0.0225), new ScalingMemory()));
    }

    [Fact]
    public void MoreVariableServiceTimesAllowALowerUtilisation()
    {
        Assert.True(SloQueueModel.AllowedUtilization(2, 20, 1, 250) < SloQueueModel.AllowedUtilization(2, 20, 0.0225, 250) - 0.1);

        Assert.Equal(1, Policy().Recommend(Signals.Of(rate: 39, ready: 1, startup: 0, scv: 0.0225), _memory));
        Assert.Equal(2, Policy().Recommend(Signals.Of(rate: 39, ready: 1, startup: 0, scv: 1), new ScalingMemory()));
    }

    [Fact]
    public void MoreReplicasMayEachRunHotter()
    {
        var allowed = new[] { 1, 2, 3, 4 }.Select(c => SloQueueModel.AllowedUtilization(c, 20, 0.0225, 250)).ToArray();
        Assert.True(allowed.Zip(allowed.Skip(1)).All(p => p.Second > p.First), string.Join(", ", allowed));

        // 135/s at 20 ms is 2.7 replicas of work: three may run at 0.93 (0.75 would need four).
        Assert.Equal(3, Policy().Recommend(Signals.Of(rate: 135, ready: 3, startup: 0, scv: 0.0225), _memory));
    }

    [Fact]
    public void AWindowsPredictedP99MixesItsPollsByTheirRequests()
    {
        var peak = new ServedPoll(40, 80, 2, 20);
        var trough = new ServedPoll(10, 20, 2, 20);
        Assert.Equal(SloQueueModel.P99Ms(80, 20, 0.0225, 2), SloQueueModel.WindowP99Ms([peak], 20, 0.0225), 6);

        // It is the p99 of the requests, not of the polls: four polls of 10 requests weigh what one of 40 does, and a
        // window mostly of trough requests is predicted nearer the trough's p99 than one mostly of the peak's.
        Assert.Equal(SloQueueModel.WindowP99Ms([peak, trough with { RequestsPerServer = 40 }], 20, 0.0225),
            SloQueueModel.WindowP99Ms([peak, .. Enumerable.Repeat(trough, 4)], 20, 0.0225), 6);
        var mostlyTrough = SloQueueModel.WindowP99Ms([peak, .. Enumerable.Repeat(trough, 40)], 20, 0.0225);
        var mostlyPeak = SloQueueModel.WindowP99Ms([.. Enumerable.Repeat(peak, 10), trough], 20, 0.0225);
        double[] ordered = [SloQueueModel.P99Ms(20, 20, 0.0225, 2), mostlyTrough, mostlyPeak, SloQueueModel.P99Ms(80, 20, 0.0225, 2)];
        Assert.True(ordered.Zip(ordered.Skip(1)).All(p => p.First < p.Second), string.Join(" < ", ordered));

        // A poll at or above saturation has no steady state: nothing to compare with.
        Assert.Equal(double.PositiveInfinity, SloQueueModel.WindowP99Ms([new ServedPoll(50, 50, 1, 20), trough], 20, 0.0225));
    }

    [Fact]
    public void AnObservedP99AbovePredictionLowersTheUtilisation()
    {
        var policy = Policy();
        var quiet = new ScalingMemory();
        int corrected = 0, uncorrected = 0;
        for (var poll = 0; poll < 20; poll++)
        {
            // 39/s on one replica is predicted at a p99 of 230 ms; the replicas report 1 s.
            corrected = policy.Recommend(Signals.Of(rate: 39, ready: 1, startup: 0, scv: 0.0225, observedP99: 1000), _memory);
            uncorrected = policy.Recommend(Signals.Of(rate: 39, ready: 1, startup: 0, scv: 0.0225), quiet);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(1, uncorrected);
        Assert.Equal(2, corrected);
        Assert.InRange(_memory.P99Correction, 1.5, 2);
    }

    [Fact]
    public void AfterAScaleOutTheQueueThatAskedForItDoesNotKeepTheNewReplica()
    {
        // Two replicas at 30/s: one would do (0.60, p99 ~130 ms within the 150 ms scale-in budget). But the servers still
        // report the p99 of their last 512 requests, served while one replica queued them (300 ms); set against two
        // replicas' prediction (~40 ms) that would double the correction and keep the second replica for good.
        var policy = Policy();
        var targets = new List<int>();
        for (var poll = 0; poll < 20; poll++)
        {
            targets.Add(policy.Recommend(Signals.Of(rate: 30, ready: 2, startup: 0, scv: 0.0225, observedP99: 300), _memory));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(1, targets[^1]);
        Assert.Equal(1, _memory.P99Correction);

        // Once both servers have served 512 requests at two replicas, what they report is today's and counts.
        for (var poll = 0; poll < 20; poll++)
        {
            policy.Recommend(Signals.Of(rate: 30, ready: 2, startup: 0, scv: 0.0225, observedP99: 300), _memory);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.InRange(_memory.P99Correction, 1.3, 2);
    }

    [Fact]
    public void InATroughThePeakStillInTheServersWindowDoesNotKeepTheReplica()
    {
        // A peak: two replicas at 80/s, the servers reporting just the p99 the model predicts (~137 ms).
        var policy = Policy();
        var peakP99 = SloQueueModel.P99Ms(80, 20, 0.0225, 2);
        for (var poll = 0; poll < 40; poll++)
        {
            Assert.Equal(2, policy.Recommend(Signals.Of(rate: 80, ready: 2, startup: 0, scv: 0.0225, observedP99: peakP99), _memory));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.InRange(_memory.P99Correction, 0.95, 1.05);

        // Then a trough at 25/s, where one replica would do (p99 ~108 ms within the 150 ms scale-in budget). The
        // servers' last 512 requests still hold the peak: set against one trough poll's prediction (~50 ms) that
        // would climb the correction towards 2 and keep the second replica through the trough.
        var targets = new List<int>();
        for (var poll = 0; poll < 15; poll++)
        {
            targets.Add(policy.Recommend(Signals.Of(rate: 25, ready: targets.LastOrDefault(2), startup: 0, scv: 0.0225, observedP99: peakP99), _memory));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(1, targets[^1]);
        Assert.InRange(_memory.P99Correction, 0.9, 1.2);
    }

    [Fact]
    public void ScalesInOnlyWhenTheReplicasLeftMeetTheObjectiveWithAMargin()
    {
        // One replica meets the 250 ms planning budget at 35/s (0.70 ≤ 0.80) but not the 150 ms scale-in one (0.65): two stay.
        var policy = Policy();
        for (var poll = 0; poll < 30; poll++)
        {
            Assert.Equal(2, policy.Recommend(Signals.Of(rate: 35, ready: 2, startup: 0, scv: 0.0225), _memory));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // At 31/s (0.62) one is enough with the margin: it goes once the 10 s window has forgotten 35/s.
        var targets = new List<int>();
        for (var poll = 0; poll < 12; poll++)
        {
            targets.Add(policy.Recommend(Signals.Of(rate: 31, ready: 2, startup: 0, scv: 0.0225), _memory));
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(2, targets[0]);
        Assert.Equal(1, targets[^1]);
    }

    [Fact]
    public void WhenTheServiceTimeAloneExceedsTheBudgetItPlansForAlmostNoWaitingNotForEveryReplica()
    {
        // 400 ms requests (p99 ~ 560 ms) against a 250 ms budget: no replica count meets it. 1/s is 0.4 replicas of
        // work; three keep the chance of waiting under 1 % (Erlang C 0.8 %), two do not (6.7 %).
        Assert.Equal(3, Policy().Recommend(Signals.Of(rate: 1, serviceMs: 400, ready: 1, startup: 0, scv: 0.0225), _memory));
    }
}
