namespace OrleansServe.Scaling.Policies;

/// <summary>
/// The M/G/c estimate the <c>slo</c> policy plans with: Poisson arrivals at rate λ to c one-core replicas whose
/// service time has mean S and squared coefficient of variation cs². The probability that a request waits is Erlang C
/// (from the Erlang B recursion); the waiting time of those that wait is taken as exponential with the Allen–Cunneen
/// (Kingman) mean (1 + cs²) / 2 · S / (c − λS), so its p99 is that mean × ln(C / 0.01) when C exceeds 1 %. The service
/// time's own p99 is a lognormal's with the same mean and cs². Their sum is the predicted p99 latency.
/// </summary>
internal static class SloQueueModel
{
    /// <summary>No replica is planned above this, whatever the objective allows: the model is steady-state, the load is not.</summary>
    public const double MaxUtilization = 0.95;

    /// <summary>Probability that an arrival waits in M/M/c with offered load <paramref name="erlangs"/> (λS); 1 at or above saturation.</summary>
    public static double ErlangC(int replicas, double erlangs)
    {
        if (erlangs <= 0)
        {
            return 0;
        }

        if (erlangs >= replicas)
        {
            return 1;
        }

        var b = 1.0;
        for (var k = 1; k <= replicas; k++)
        {
            b = erlangs * b / (k + (erlangs * b));
        }
        return replicas * b / (replicas - (erlangs * (1 - b)));
    }

    /// <summary>Predicted p99 latency (wait + service) in ms; infinity at or above saturation.</summary>
    public static double P99Ms(double rate, double serviceMs, double scv, int replicas)
    {
        var erlangs = rate * serviceMs / 1000;
        if (replicas < 1 || erlangs >= replicas)
        {
            return double.PositiveInfinity;
        }

        var serviceP99 = ServiceP99Ms(serviceMs, scv);
        var waits = ErlangC(replicas, erlangs);
        var meanWaitOfWaiters = MeanWaitOfWaitersMs(serviceMs, scv, replicas, erlangs);
        return serviceP99 + (waits > 0.01 ? meanWaitOfWaiters * Math.Log(waits / 0.01) : 0);
    }

    /// <summary>
    /// Predicted p99 latency in ms of the requests a server served over <paramref name="polls"/>, each poll's requests
    /// waiting as its own rate and replicas make them (a mixture of the polls' waiting-time tails, weighted by their
    /// requests), plus the service time's p99; infinity when a poll's load was at or above saturation. For one poll it
    /// is <see cref="P99Ms"/>.
    /// </summary>
    public static double WindowP99Ms(IReadOnlyList<ServedPoll> polls, double serviceMs, double scv)
    {
        var tails = new List<(double Weight, double Waits, double MeanWaitMs)>(polls.Count);
        foreach (var poll in polls)
        {
            var erlangs = poll.Rate * poll.ServiceMs / 1000;
            if (poll.Replicas < 1 || erlangs >= poll.Replicas)
            {
                return double.PositiveInfinity;
            }

            tails.Add((poll.RequestsPerServer, ErlangC(poll.Replicas, erlangs), MeanWaitOfWaitersMs(poll.ServiceMs, scv, poll.Replicas, erlangs)));
        }

        // Share of the window's requests that wait longer than w: the polls' exponential tails mixed by their requests.
        var total = tails.Sum(t => t.Weight);
        double Tail(double w) => tails.Sum(t => t.Weight * t.Waits * Math.Exp(-w / t.MeanWaitMs)) / total;
        var serviceP99 = ServiceP99Ms(serviceMs, scv);
        if (total <= 0 || Tail(0) <= 0.01)
        {
            return serviceP99;
        }

        // Each tail decays at least as fast as the slowest, so the p99 wait is below this.
        double lo = 0, hi = tails.Max(t => t.MeanWaitMs) * Math.Log(Tail(0) / 0.01);
        for (var i = 0; i < 50; i++)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = Tail(mid) > 0.01 ? (mid, hi) : (lo, mid);
        }
        return serviceP99 + hi;
    }

    /// <summary>Allen–Cunneen mean wait of the requests that wait: (1 + cs²) / 2 · S / (c − λS).</summary>
    private static double MeanWaitOfWaitersMs(double serviceMs, double scv, int replicas, double erlangs) =>
        (1 + Math.Max(0, scv)) / 2 * serviceMs / (replicas - erlangs);

    /// <summary>p99 of a lognormal service time with this mean and squared coefficient of variation.</summary>
    public static double ServiceP99Ms(double serviceMs, double scv)
    {
        var sigma2 = Math.Log(1 + Math.Max(0, scv));
        return serviceMs * Math.Exp((2.326 * Math.Sqrt(sigma2)) - (sigma2 / 2));
    }

    /// <summary>
    /// The highest utilisation (λS / c) at which <paramref name="replicas"/> replicas keep the predicted p99 within
    /// <paramref name="budgetMs"/>, at most <see cref="MaxUtilization"/>; 0 when even an idle replica's service p99 exceeds it.
    /// </summary>
    public static double AllowedUtilization(int replicas, double serviceMs, double scv, double budgetMs)
    {
        double Predicted(double rho) => P99Ms(rho * replicas / (serviceMs / 1000), serviceMs, scv, replicas);
        if (Predicted(MaxUtilization) <= budgetMs)
        {
            return MaxUtilization;
        }

        if (Predicted(1e-6) > budgetMs)
        {
            return 0;
        }

        double lo = 1e-6, hi = MaxUtilization;
        for (var i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = Predicted(mid) <= budgetMs ? (mid, hi) : (lo, mid);
        }
        return lo;
    }

    /// <summary>
    /// Fewest replicas (1 to <paramref name="most"/>) that serve <paramref name="rate"/> within the budget. A budget
    /// below the service time's own p99 cannot be met by any number of replicas (they do not shorten a request), so it
    /// is raised to that p99: the replicas are then planned so that at most 1 % of requests wait.
    /// </summary>
    public static int ReplicasFor(double rate, double serviceMs, double scv, double budgetMs, int most = 64)
    {
        budgetMs = Math.Max(budgetMs, ServiceP99Ms(serviceMs, scv) * (1 + 1e-9));
        var erlangs = rate * serviceMs / 1000;
        for (var c = 1; c < most; c++)
        {
            if (erlangs <= c * AllowedUtilization(c, serviceMs, scv, budgetMs))
            {
                return c;
            }
        }
        return most;
    }
}
