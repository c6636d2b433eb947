package fi.laituri.search.lucene;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code laituri.search.ranking.*} as the factory reads it: the candidate window among the weights. */
class RankingConfigurationTest {

    private static Ranking.Weights weights(Map<String, Object> properties) {
        return LuceneFactory.weights(new PropertySourcePropertyResolver(PropertySource.of("test", properties)));
    }

    @Test
    void theCandidateWindowIsOneHundredUnlessConfigured() {
        assertEquals(100, weights(Map.of()).candidates());
        assertEquals(Ranking.Weights.DEFAULTS, weights(Map.of()));
        assertEquals(250, weights(Map.of("laituri.search.ranking.candidates", "250")).candidates());
    }

    @Test
    void aCandidateWindowOutsideOneToTenThousandStopsTheStartWithItsKey() {
        for (String bad : new String[] {"0", "-5", "10001"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> weights(Map.of("laituri.search.ranking.candidates", bad)));
            assertTrue(e.getMessage().contains("laituri.search.ranking.candidates"), e.getMessage());
        }
    }
}
