package org.iotplatform.maintenance;

/** The error measures the remaining-useful-life benchmarks report, in the unit of their inputs. */
public final class RulScores {

    private RulScores() {}

    /** Root mean squared error. */
    public static double rmse(double[] predicted, double[] truth) {
        check(predicted, truth);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = predicted[i] - truth[i];
            sum += d * d;
        }
        return Math.sqrt(sum / truth.length);
    }

    /**
     * The PHM08 challenge score over units, d = predicted - true (in cycles): exp(-d/13)-1 when early
     * (d < 0), exp(d/10)-1 when late, so a late prediction, which lets a machine fail, costs more.
     */
    public static double phm08(double[] predicted, double[] truth) {
        check(predicted, truth);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = predicted[i] - truth[i];
            sum += d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
        }
        return sum;
    }

    private static void check(double[] predicted, double[] truth) {
        if (predicted.length != truth.length || truth.length == 0) {
            throw new IllegalArgumentException("need as many predictions as true values, at least one: "
                    + predicted.length + " and " + truth.length);
        }
    }
}
