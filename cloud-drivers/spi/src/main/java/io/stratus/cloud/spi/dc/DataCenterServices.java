package io.stratus.cloud.spi.dc;

import java.util.List;

/** Regions and data centres. */
public interface DataCenterServices {
  /** Every region the account can use. */
  List<Region> listRegions();

  /**
   * The data centres of one region.
   *
   * @throws io.stratus.cloud.spi.CloudException NOT_FOUND for an unknown region
   */
  List<DataCenter> listDataCenters(String regionId);
}
